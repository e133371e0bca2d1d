// Admission results kept as PolicyReports: the latest result per policy × rule × resource, per namespace,
// written to a directory (one file per namespace, replaced atomically). Bounded: the oldest entries go first.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { ClassicPolicy } from '../engine/policy/policy.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import { buildPolicyReports } from '../report/policy-report.js';

/** Latest rule results by identity, with an upper bound on how many are kept. */
export class ReportStore {
  readonly #latest = new Map<string, RuleResult>();
  #dirty = false;

  constructor(private readonly maxEntries = 100_000) {}

  /** Record the results of one admitted request (dryRun requests and denied requests are not reported). */
  record(results: readonly RuleResult[]): void {
    for (const r of results) {
      const k = [r.policy, r.rule, r.resource.apiVersion, r.resource.kind, r.resource.namespace, r.resource.name].join(
        '\u0000',
      );
      this.#latest.delete(k); // re-insert so the Map's order is "least recently reported first"
      this.#latest.set(k, r);
      this.#dirty = true;
    }
    while (this.#latest.size > this.maxEntries) this.#latest.delete(this.#latest.keys().next().value as string);
  }

  /** Number of results held. */
  get size(): number {
    return this.#latest.size;
  }

  /** Write one report file per namespace (and one for cluster-scoped resources) if anything changed. */
  flush(dir: string, policies: ReadonlyMap<string, ClassicPolicy>, now: Date): number {
    if (!this.#dirty) return 0;
    this.#dirty = false;
    mkdirSync(dir, { recursive: true });
    const reports = buildPolicyReports([...this.#latest.values()], policies, Math.floor(now.getTime() / 1000));
    for (const report of reports) {
      const md = report.metadata as { name: string; namespace?: string };
      const file = join(dir, `${md.namespace ? `policyreport-${md.namespace}` : 'clusterpolicyreport'}.yaml`);
      writeFileSync(`${file}.tmp`, stringify(report));
      renameSync(`${file}.tmp`, file);
    }
    return reports.length;
  }
}
