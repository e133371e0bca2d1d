// Writes PolicyReports and ClusterPolicyReports to the cluster: create or replace each report whose content changed,
// delete the ones it wrote earlier that are gone from the set, at most `qps` API calls per second (token bucket).
import { createHash } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { kubeRequest, type KubeAnswer } from './kube-request.js';
import { isObject, type JsonObject, type JsonValue } from '../engine/index.js';

const API = '/apis/wgpolicyk8s.io/v1alpha2';

/** Options of ClusterReportWriter. */
export interface ReportWriterOptions {
  /** Sustained API calls per second (default 20). */
  readonly qps?: number;
  /** Calls allowed at once before `qps` applies (default 50). */
  readonly burst?: number;
  /** Where failed writes are reported. */
  readonly log?: (message: string) => void;
}

/** What one write() did: reports per outcome. */
export interface WriteStats {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
}

interface Written {
  readonly hash: string;
  readonly resourceVersion: string;
}

type Answer = KubeAnswer;

type Upsert = 'created' | 'updated' | 'unchanged';

/** Keeps the cluster's reports equal to the last set given; never throws for API errors (they count as failed). */
export class ClusterReportWriter {
  /** Reports this writer wrote, by object path: content hash and resourceVersion of the last successful write. */
  readonly #written = new Map<string, Written>();
  readonly #bucket: TokenBucket;
  readonly #log: (message: string) => void;

  /** A writer using `kc`'s current context. */
  constructor(
    private readonly kc: KubeConfig,
    opts: ReportWriterOptions = {},
  ) {
    this.#bucket = new TokenBucket(opts.qps ?? 20, opts.burst ?? 50);
    this.#log = opts.log ?? (() => {});
  }

  /** Make the cluster hold exactly `reports` (of those this writer manages); failed writes are retried next call. */
  async write(reports: readonly JsonObject[]): Promise<WriteStats> {
    const stats: WriteStats = { created: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 };
    const wanted = new Set<string>();
    for (const report of reports) {
      const path = objectPath(report);
      if (!path) {
        this.#log(`policy report not written: not a PolicyReport or ClusterPolicyReport with a name`);
        stats.failed++;
        continue;
      }
      wanted.add(path);
      const hash = contentHash(report);
      if (this.#written.get(path)?.hash === hash) stats.unchanged++;
      else stats[await this.#upsert(path, report, hash)]++;
    }
    for (const path of [...this.#written.keys()]) if (!wanted.has(path)) stats[await this.#delete(path)]++;
    return stats;
  }

  async #upsert(path: string, report: JsonObject, hash: string): Promise<Upsert | 'failed'> {
    try {
      const { outcome, resourceVersion } = await this.#createOrReplace(path, report, hash);
      this.#written.set(path, { hash, resourceVersion });
      return outcome;
    } catch (e) {
      this.#log(`policy report ${path} not written: ${(e as Error).message}`);
      return 'failed';
    }
  }

  // PUT with the resourceVersion of our last write (or of a GET); POST when absent; once more after a 409.
  async #createOrReplace(path: string, report: JsonObject, hash: string) {
    const known = this.#written.get(path)?.resourceVersion;
    for (let attempt = 0; ; attempt++) {
      let rv = attempt === 0 ? known : undefined;
      if (rv === undefined) {
        const current = await this.#call('GET', path);
        if (current.status === 404) {
          const made = await this.#call('POST', path.slice(0, path.lastIndexOf('/')), report);
          if (made.status === 409 && attempt === 0) continue; // AlreadyExists: someone created it meanwhile
          return done('POST', path, made, 'created');
        }
        expectOk('GET', path, current);
        if (contentHash(current.body) === hash) return done('GET', path, current, 'unchanged');
        rv = resourceVersionOf(current.body);
      }
      const put = await this.#call('PUT', path, withResourceVersion(report, rv));
      // Kyverno-style optimistic concurrency: on Conflict (or a report deleted behind our back) start over once.
      if ((put.status === 409 || (put.status === 404 && known !== undefined)) && attempt === 0) continue;
      return done('PUT', path, put, 'updated');
    }
  }

  async #delete(path: string): Promise<'deleted' | 'failed'> {
    try {
      const answer = await this.#call('DELETE', path);
      if (answer.status !== 404) expectOk('DELETE', path, answer);
      this.#written.delete(path);
      return 'deleted';
    } catch (e) {
      this.#log(`policy report ${path} not deleted: ${(e as Error).message}`);
      return 'failed';
    }
  }

  async #call(method: string, path: string, body?: JsonObject): Promise<Answer> {
    await this.#bucket.take();
    return kubeRequest(this.kc, method, path, body);
  }
}

/** Waits so that calls average at most `qps` per second, allowing `burst` at once; never drops a call. */
class TokenBucket {
  #tokens: number;
  #last = performance.now();

  constructor(
    private readonly qps: number,
    private readonly burst: number,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new RangeError(`invalid rate limit: qps ${qps}, burst ${burst}`);
    this.#tokens = burst;
  }

  /** Take one token, waiting until it is available (tokens are reserved, so concurrent callers queue fairly). */
  async take(): Promise<void> {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.qps) - 1;
    this.#last = now;
    if (this.#tokens < 0) await new Promise((r) => setTimeout(r, (-this.#tokens / this.qps) * 1000));
  }
}

/** API path of a report object, or undefined when `report` is not a named (Cluster)PolicyReport. */
export function objectPath(report: JsonObject): string | undefined {
  const md = isObject(report.metadata) ? report.metadata : {};
  if (typeof md.name !== 'string' || !md.name) return undefined;
  const name = encodeURIComponent(md.name);
  if (report.kind === 'ClusterPolicyReport') return `${API}/clusterpolicyreports/${name}`;
  if (report.kind !== 'PolicyReport' || typeof md.namespace !== 'string' || !md.namespace) return undefined;
  return `${API}/namespaces/${encodeURIComponent(md.namespace)}/policyreports/${name}`;
}

// Hash of what the writer owns in a report (not the server-assigned metadata), independent of key order.
function contentHash(report: JsonObject): string {
  const md = isObject(report.metadata) ? report.metadata : {};
  const owned = {
    kind: report.kind ?? null,
    labels: md.labels ?? null,
    ownerReferences: md.ownerReferences ?? null,
    scope: report.scope ?? null,
    results: report.results ?? null,
    summary: report.summary ?? null,
  };
  return createHash('sha256').update(canonicalJson(owned)).digest('hex');
}

function canonicalJson(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (!isObject(v)) return JSON.stringify(v);
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] as JsonValue)}`).join(',')}}`;
}

function withResourceVersion(report: JsonObject, resourceVersion: string): JsonObject {
  const md = isObject(report.metadata) ? report.metadata : {};
  return { ...report, metadata: { ...md, resourceVersion } };
}

function resourceVersionOf(obj: JsonObject): string {
  return isObject(obj.metadata) ? String(obj.metadata.resourceVersion ?? '') : '';
}

function done(method: string, path: string, answer: Answer, outcome: Upsert) {
  expectOk(method, path, answer);
  return { outcome, resourceVersion: resourceVersionOf(answer.body) };
}

function expectOk(method: string, path: string, answer: Answer): void {
  if (answer.status >= 200 && answer.status <= 299) return;
  const message = typeof answer.body.message === 'string' ? `: ${answer.body.message}` : '';
  throw new Error(`${method} ${path}: HTTP ${answer.status}${message}`);
}
