// The background part of generate rules in `tollgate serve --from-cluster` (Kyverno's background controller): every
// interval, on the replica holding its Lease, list the triggers and the downstream objects, plan (generate-sync.ts)
// and carry the plan out.
import { MemoryCluster } from '../cluster/memory-store.js';
import { kindKey, resolveKinds, type KindRef } from '../cluster/discovery.js';
import type { KindSpec } from '../cluster/kind-reflector.js';
import {
  admissionInterests,
  evaluate,
  hasWildcard,
  isObject,
  splitApiVersion,
  type Clock,
  type JsonObject,
  type PolicySet,
} from '../engine/index.js';
import type { ResourceSource } from './background-scanner.js';
import { planGenerateSync } from './generate-sync.js';
import type { PolicySnapshot } from './policy-store.js';

const POLICY_LABEL = 'generate.kyverno.io/policy-name';

/** What the syncer is given. */
export interface GenerateSyncerOptions {
  readonly snapshot: () => PolicySnapshot | undefined;
  readonly source: ResourceSource;
  /** Server-side apply these objects (create or update). */
  readonly apply: (objects: JsonObject[]) => Promise<void>;
  /** Delete these objects. */
  readonly remove: (objects: JsonObject[]) => Promise<void>;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly log: (message: string) => void;
}

/** Keeps generated objects in step until stop(); one round at a time. */
export class GenerateSyncer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  // Trigger/rule pairs known to have had downstream objects: a deleted one is recreated (synchronize).
  #remembered = new Set<string>();
  // Kinds generated so far: listed every round, so the objects of a deleted trigger are found.
  readonly #downstreamKinds = new Map<string, KindRef>();

  /** A syncer that does nothing until start(). */
  constructor(private readonly opts: GenerateSyncerOptions) {}

  /** Run a round now, then every interval. */
  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Cancel the timer; a round in progress finishes. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  /** Note downstream objects the webhook has just created, so that deleting one soon after is repaired too. */
  remember(objects: readonly JsonObject[]): void {
    for (const o of objects) {
      const md = isObject(o.metadata) ? o.metadata : {};
      const l = isObject(md.labels) ? md.labels : {};
      const uid = l['generate.kyverno.io/trigger-uid'];
      if (typeof uid !== 'string' || !uid) continue;
      const rule = `${String(l['generate.kyverno.io/policy-namespace'] ?? '')}/${String(l[POLICY_LABEL] ?? '')}/${String(l['generate.kyverno.io/rule-name'] ?? '')}`;
      this.#remembered.add(`${uid}|${rule}`);
      this.#downstreamKinds.set(kindKey(String(o.apiVersion), String(o.kind)), {
        apiVersion: String(o.apiVersion),
        kind: String(o.kind),
      });
    }
  }

  /** One round, or the round in progress. */
  syncNow(): Promise<void> {
    this.#running ??= this.#round().finally(() => (this.#running = undefined));
    return this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.syncNow()
        .catch((e: unknown) => this.opts.log(`generate sync failed: ${(e as Error).message}`))
        .finally(() => this.#schedule(this.opts.intervalMs));
    }, delayMs);
  }

  async #round(): Promise<void> {
    const set = this.opts.snapshot()?.policySet;
    if (!set) return;
    const triggerKinds = generateTriggerKinds(set);
    if (triggerKinds.length === 0 && this.#downstreamKinds.size === 0) return;
    const discovered = await this.opts.source.discover();
    const triggerSpecs = resolveKinds(triggerKinds, discovered).specs;
    // Only kinds listed in full can show that a trigger is gone.
    const listedSpecs: KindSpec[] = [];
    const triggers = await this.#list(triggerSpecs, listedSpecs);
    const namespaces = new Map(
      (await this.#list(resolveKinds([{ apiVersion: 'v1', kind: 'Namespace' }], discovered).specs)).map((n) => [
        String((n.metadata as JsonObject).name),
        n,
      ]),
    );
    // A first evaluation names the kinds the rules generate; their objects are then read for the plan.
    const probe = {
      clock: this.opts.clock,
      cluster: new MemoryCluster(triggers),
      namespaces: (n: string) => namespaces.get(n),
    };
    for (const t of triggers)
      for (const g of evaluate(set, { origin: 'admission', operation: 'CREATE', object: t }, probe, {
        stages: ['generate'],
      }).generated)
        this.#downstreamKinds.set(kindKey(String(g.resource.apiVersion), String(g.resource.kind)), {
          apiVersion: String(g.resource.apiVersion),
          kind: String(g.resource.kind),
        });
    const downstreamSpecs = resolveKinds([...this.#downstreamKinds.values()], discovered).specs;
    const downstream = (await this.#list(downstreamSpecs)).filter((o) => {
      const md = isObject(o.metadata) ? o.metadata : {};
      return isObject(md.labels) && typeof md.labels[POLICY_LABEL] === 'string';
    });
    const listedKinds = new Set(
      listedSpecs.map((s) => {
        const { group, version } = splitApiVersion(s.apiVersion);
        return `${group}/${version}/${s.kind}`;
      }),
    );
    const services = {
      clock: this.opts.clock,
      cluster: new MemoryCluster([...triggers, ...downstream]),
      namespaces: (n: string) => namespaces.get(n),
    };
    const plan = planGenerateSync(set, { triggers, downstream, listedKinds }, services, this.#remembered);
    this.#remembered = new Set(plan.seen);
    if (plan.apply.length > 0) await this.opts.apply(plan.apply.map((g) => g.resource));
    if (plan.remove.length > 0) await this.opts.remove([...plan.remove]);
    if (plan.apply.length + plan.remove.length > 0)
      this.opts.log(`generate sync: ${plan.apply.length} applied, ${plan.remove.length} deleted`);
  }

  // Every object of the collections; a collection that cannot be listed is logged and left out of `listed`.
  async #list(specs: readonly KindSpec[], listed?: KindSpec[]): Promise<JsonObject[]> {
    const out: JsonObject[] = [];
    for (const spec of specs) {
      try {
        out.push(...(await this.opts.source.list(spec)));
        listed?.push(spec);
      } catch (e) {
        this.opts.log(`generate sync: cannot list ${kindKey(spec.apiVersion, spec.kind)}: ${(e as Error).message}`);
      }
    }
    return out;
  }
}

/** The kinds generate rules are triggered by (kind selectors of their match blocks; wildcards are not listed). */
function generateTriggerKinds(set: PolicySet): KindRef[] {
  const refs = new Map<string, KindRef>();
  for (const i of admissionInterests(set).interests) {
    if (i.stage !== 'generate' || i.form !== 'kind' || hasWildcard(i.kind.kind) || i.kind.subresource) continue;
    const exact = !hasWildcard(i.kind.group) && !hasWildcard(i.kind.version);
    const apiVersion = exact ? (i.kind.group ? `${i.kind.group}/${i.kind.version}` : i.kind.version) : undefined;
    refs.set(`${apiVersion ?? ''}/${i.kind.kind}`, { apiVersion, kind: i.kind.kind });
  }
  return [...refs.values()];
}
