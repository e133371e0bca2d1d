// Leader election over a coordination.k8s.io/v1 Lease, so that of several webhook replicas only one runs the
// background scan and writes its reports. Follows client-go's leaderelection: a candidate takes over a Lease whose
// record it has seen unchanged for a whole lease duration (measured on its own clock, so clock skew between
// nodes does not matter), and a leader that cannot renew within the renew deadline steps down.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isObject, type JsonObject } from '../engine/index.js';

/**
 * Who this replica is in leader elections: the Pod's name where deploy/ sets POD_NAME, else the host name plus a
 * random suffix (as client-go), so that two processes on one host never both take the Lease for their own.
 */
export function candidateIdentity(podName: string | undefined = process.env.POD_NAME): string {
  return podName || `${hostname()}_${randomUUID()}`;
}

/** One HTTP exchange with the API server (status code and parsed JSON body, `undefined` for an empty one). */
export type ApiCall = (method: 'GET' | 'POST' | 'PUT', path: string, body?: JsonObject) => Promise<ApiAnswer>;

/** The API server's answer. */
export interface ApiAnswer {
  readonly status: number;
  readonly body?: JsonObject;
}

/** Where the Lease lives, who we are, and the timing (client-go's defaults: 15 s, 10 s, 2 s). */
export interface LeaseOptions {
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly now?: () => number;
  readonly log?: (m: string) => void;
  /** Called when this candidate becomes leader, and when it stops being leader. */
  readonly onChange?: (leading: boolean) => void;
}

interface Observed {
  readonly record: string;
  readonly at: number;
}

/** A candidate for leadership; `start()` keeps trying to acquire and renew until `stop()`. */
export class LeaderLease {
  readonly #opts: Required<Omit<LeaseOptions, 'log' | 'onChange'>> & Pick<LeaseOptions, 'log' | 'onChange'>;
  #leading = false;
  #lastRenew = 0;
  #observed: Observed | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /** A candidate that talks to the API server through `call`. */
  constructor(
    private readonly call: ApiCall,
    opts: LeaseOptions,
  ) {
    this.#opts = {
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      now: () => Date.now(),
      ...opts,
    };
  }

  /** Whether this candidate currently holds the Lease. */
  get leading(): boolean {
    return this.#leading;
  }

  #lastError: string | undefined;

  /** Try now, then every retry period. */
  start(): void {
    this.#stopped = false;
    void this.#loop();
  }

  /**
   * Stop trying. A leader gives up at once and releases the Lease (client-go's ReleaseOnCancel), so another replica
   * takes over within its retry period instead of waiting out the lease duration (a rolling update, for one).
   */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const wasLeading = this.#leading;
    this.#setLeading(false);
    if (wasLeading)
      void this.#release().catch((e: unknown) =>
        this.#opts.log?.(`leader election (${this.#opts.name}): release failed: ${(e as Error).message}`),
      );
  }

  async #release(): Promise<void> {
    const path = `/apis/coordination.k8s.io/v1/namespaces/${this.#opts.namespace}/leases/${this.#opts.name}`;
    const current = await this.call('GET', path);
    const spec = isObject(current.body?.spec) ? current.body.spec : {};
    if (current.status !== 200 || spec.holderIdentity !== this.#opts.identity) return;
    const now = this.#opts.now();
    const released = this.#lease(now, Number(spec.leaseTransitions ?? 0), now);
    (released.spec as JsonObject).holderIdentity = '';
    (released.spec as JsonObject).leaseDurationSeconds = 1;
    const rv = isObject(current.body?.metadata) ? current.body.metadata.resourceVersion : undefined;
    if (typeof rv === 'string') (released.metadata as JsonObject).resourceVersion = rv;
    await this.call('PUT', path, released);
  }

  /** One acquire-or-renew attempt; resolves to whether this candidate leads afterwards. */
  async tryOnce(): Promise<boolean> {
    const now = this.#opts.now();
    try {
      const ok = await this.#acquireOrRenew(now);
      this.#lastError = undefined;
      if (ok) this.#lastRenew = now;
      this.#setLeading(ok || (this.#leading && now - this.#lastRenew < this.#opts.renewDeadlineMs));
    } catch (e) {
      // Once per distinct problem, not every retry period.
      const message = `leader election (${this.#opts.name}): ${(e as Error).message}`;
      if (message !== this.#lastError) this.#opts.log?.(message);
      this.#lastError = message;
      this.#setLeading(this.#leading && now - this.#lastRenew < this.#opts.renewDeadlineMs);
    }
    return this.#leading;
  }

  async #loop(): Promise<void> {
    if (this.#stopped) return;
    await this.tryOnce();
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#loop(), this.#opts.retryPeriodMs);
  }

  async #acquireOrRenew(now: number): Promise<boolean> {
    const path = `/apis/coordination.k8s.io/v1/namespaces/${this.#opts.namespace}/leases/${this.#opts.name}`;
    const current = await this.call('GET', path);
    if (current.status === 404) {
      const created = await this.call('POST', path.slice(0, path.lastIndexOf('/')), this.#lease(now, 0, now));
      if (created.status === 409) return false; // another candidate created it first
      // Anything else (a missing namespace, no RBAC) would keep every replica from leading: say so.
      if (created.status < 200 || created.status >= 300)
        throw new Error(
          `cannot create Lease ${this.#opts.namespace}/${this.#opts.name}: HTTP ${created.status} ${messageOf(created.body)}`,
        );
      return true;
    }
    if (current.status !== 200 || !current.body) throw new Error(`GET ${path}: HTTP ${current.status}`);
    const spec = isObject(current.body.spec) ? current.body.spec : {};
    const record = JSON.stringify(spec);
    if (this.#observed?.record !== record) this.#observed = { record, at: now };
    const mine = spec.holderIdentity === this.#opts.identity;
    const expired = now - this.#observed.at >= this.#opts.leaseDurationMs || !spec.holderIdentity;
    if (!mine && !expired) return false;
    const transitions = Number(spec.leaseTransitions ?? 0) + (mine ? 0 : 1);
    const acquired = mine ? Date.parse(String(spec.acquireTime ?? '')) || now : now;
    const lease = this.#lease(acquired, transitions, now);
    const rv = isObject(current.body.metadata) ? current.body.metadata.resourceVersion : undefined;
    if (typeof rv === 'string') (lease.metadata as JsonObject).resourceVersion = rv;
    const put = await this.call('PUT', path, lease);
    return put.status === 200; // 409: someone else updated it first
  }

  #lease(acquireMs: number, transitions: number, renewMs: number): JsonObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.#opts.name, namespace: this.#opts.namespace },
      spec: {
        holderIdentity: this.#opts.identity,
        leaseDurationSeconds: Math.ceil(this.#opts.leaseDurationMs / 1000),
        acquireTime: microTime(acquireMs),
        renewTime: microTime(renewMs),
        leaseTransitions: transitions,
      },
    };
  }

  #setLeading(leading: boolean): void {
    if (leading === this.#leading) return;
    this.#leading = leading;
    this.#opts.log?.(`leader election (${this.#opts.name}): ${leading ? 'now leading' : 'not leading'}`);
    this.#opts.onChange?.(leading);
  }
}

// Kubernetes MicroTime: RFC 3339 with microseconds.
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function messageOf(body: JsonObject | undefined): string {
  return body && typeof body.message === 'string' ? body.message : '';
}
