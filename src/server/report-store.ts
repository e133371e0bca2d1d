// Admission (and scan) results kept for PolicyReports: the latest result per policy × rule × resource, one report
// per resource. Writers ask for the current set; `generation` tells them whether anything changed since they last
// wrote. Bounded: the least recently reported results go first. Audit results that Enforce would deny carry the
// `tollgate.dev/would-block` property, decided when a report is built (it needs the policy's failurePolicy).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { JsonObject, ResourceId, RuleResult } from '../engine/index.js';
import {
  compareResources,
  resourceKey,
  resourceReport,
  type ExtraProperties,
  type ReportedPolicy,
} from '../report/policy-report.js';
import { WOULD_BLOCK_PROPERTY, wouldBlock, type FailurePolicyOf } from '../report/would-block.js';
import type { AdmissionOutcome } from './admission/index.js';

/** What reports and generate need of a review's outcome (all `serve --workers` sends its primary). */
export type ReportedOutcome = Pick<AdmissionOutcome, 'allowed' | 'dryRun' | 'results' | 'resourceUid' | 'generated'>;

/** Whether a review's results belong in PolicyReports. */
export function isReported(webhook: 'validate' | 'mutate', outcome: ReportedOutcome): boolean {
  // Kyverno: reports hold the results of admitted requests; dryRun requests leave no trace (spec §12.2, §13).
  return webhook === 'validate' && outcome.allowed === true && !outcome.dryRun && outcome.results.length > 0;
}

/** How a result was produced: Kyverno's report property `process`. */
export type ReportProcess = 'admission review' | 'background scan';

interface Entry {
  readonly result: RuleResult;
  readonly process: ReportProcess;
  /** Report timestamp: set on the first report built after the result last changed, so content stays stable. */
  seconds?: number;
}

interface ResourceEntries {
  readonly resource: ResourceId;
  uid?: string;
  readonly entries: Map<string, Entry>;
}

const WOULD_BLOCK: ExtraProperties = { [WOULD_BLOCK_PROPERTY]: 'true' };

/** Latest rule results by resource, with an upper bound on how many results are kept. */
export class ReportStore {
  readonly #byResource = new Map<string, ResourceEntries>();
  /** Every held result as [resource key, rule key], least recently reported first. */
  readonly #order = new Map<string, readonly [string, string]>();
  readonly #dirtyNamespaces = new Set<string>();
  readonly #filesWritten = new Set<string>();
  #generation = 0;

  constructor(private readonly maxEntries = 100_000) {}

  /** Record results about one resource (an admitted request or a scanned object); `uid` names its report. */
  record(results: readonly RuleResult[], uid?: string, process: ReportProcess = 'admission review'): void {
    for (const r of results) this.#put(r, uid, process);
    while (this.#order.size > this.maxEntries) {
      const [resKey, ruleKey] = this.#order.values().next().value as readonly [string, string];
      this.#drop(resKey, ruleKey);
    }
  }

  /** Drop every result of `resource` (e.g. it was deleted, or a scan no longer sees it). */
  forget(resource: ResourceId): void {
    const resKey = resourceKey(resource);
    for (const ruleKey of [...(this.#byResource.get(resKey)?.entries.keys() ?? [])]) this.#drop(resKey, ruleKey);
  }

  /** Number of results held. */
  get size(): number {
    return this.#order.size;
  }

  /** Increases with every change to the held results: a writer that saw this value has nothing new to write. */
  get generation(): number {
    return this.#generation;
  }

  /** The full current set of reports, one per resource, sorted by namespace, kind and name. */
  reports(policies: ReadonlyMap<string, ReportedPolicy>, now: Date): JsonObject[] {
    return this.#reportsWhere(() => true, policies, now);
  }

  /** Rewrite the file of every namespace that changed since the last flush; returns how many files changed. */
  flush(dir: string, policies: ReadonlyMap<string, ReportedPolicy>, now: Date): number {
    if (this.#dirtyNamespaces.size === 0) return 0;
    mkdirSync(dir, { recursive: true });
    const namespaces = [...this.#dirtyNamespaces];
    this.#dirtyNamespaces.clear();
    for (const ns of namespaces) {
      const file = join(dir, ns ? `policyreport-${ns}.yaml` : 'clusterpolicyreport.yaml');
      const reports = this.#reportsWhere((r) => r.namespace === ns, policies, now);
      if (reports.length === 0) {
        if (this.#filesWritten.delete(ns)) rmSync(file, { force: true });
        continue;
      }
      // One multi-document YAML file per namespace, replaced atomically.
      writeFileSync(`${file}.tmp`, reports.map((r) => stringify(r)).join('---\n'));
      renameSync(`${file}.tmp`, file);
      this.#filesWritten.add(ns);
    }
    return namespaces.length;
  }

  #reportsWhere(
    keep: (r: ResourceId) => boolean,
    policies: ReadonlyMap<string, ReportedPolicy>,
    now: Date,
  ): JsonObject[] {
    const seconds = Math.floor(now.getTime() / 1000);
    const failurePolicyOf: FailurePolicyOf = (key) => policies.get(key)?.admission?.failurePolicy;
    return [...this.#byResource.values()]
      .filter((g) => keep(g.resource))
      .sort((a, b) => compareResources(a.resource, b.resource))
      .map((g) => {
        const results = [...g.entries.values()].map((e) => ({
          result: e.result,
          seconds: (e.seconds ??= seconds),
          process: e.process,
          ...(wouldBlock(e.result, failurePolicyOf) ? { properties: WOULD_BLOCK } : {}),
        }));
        return resourceReport(g.resource, g.uid, results, policies);
      });
  }

  #put(r: RuleResult, uid: string | undefined, process: ReportProcess): void {
    const resKey = resourceKey(r.resource);
    const ruleKey = `${r.policy}\u0000${r.rule}`;
    const group = this.#byResource.get(resKey) ?? { resource: r.resource, entries: new Map<string, Entry>() };
    this.#byResource.set(resKey, group);
    const fullKey = `${resKey}\u0001${ruleKey}`;
    this.#order.delete(fullKey); // re-insert so the order is "least recently reported first"
    this.#order.set(fullKey, [resKey, ruleKey]);
    const old = group.entries.get(ruleKey);
    const uidChanged = uid !== undefined && uid !== group.uid;
    if (uidChanged) group.uid = uid;
    if (old && !uidChanged && old.process === process && sameOutcome(old.result, r)) return;
    group.entries.set(ruleKey, { result: r, process });
    this.#changed(r.resource.namespace);
  }

  #drop(resKey: string, ruleKey: string): void {
    this.#order.delete(`${resKey}\u0001${ruleKey}`);
    const group = this.#byResource.get(resKey);
    if (!group?.entries.delete(ruleKey)) return;
    if (group.entries.size === 0) this.#byResource.delete(resKey);
    this.#changed(group.resource.namespace);
  }

  #changed(namespace: string): void {
    this.#generation++;
    this.#dirtyNamespaces.add(namespace);
  }
}

// The same reported outcome: re-recording it keeps the result's timestamp, so its report stays unchanged.
function sameOutcome(a: RuleResult, b: RuleResult): boolean {
  return (
    a.status === b.status &&
    a.message === b.message &&
    a.ruleType === b.ruleType &&
    // A promoted policy's failures must lose the would-block mark, though status and message stay the same.
    a.action === b.action &&
    (a.exceptions ?? []).join(',') === (b.exceptions ?? []).join(',')
  );
}
