// Kyverno: spec §12 — policy reports → totals and rows per policy, rule, namespace and team.
import { wildcardMatch, type JsonObject } from '../../engine/index.js';
import { reportFindings, type ReportFinding, type ReportResultValue } from './report-findings.js';
import type { TeamOf } from './team-lookup.js';

/** Count of results per value, plus their total. */
export type ResultCounts = Record<ReportResultValue, number> & { total: number };

/** One row of a breakdown: a policy, a rule (`policy/rule`), a namespace ('' = cluster-scoped) or a team. */
export interface SummaryRow {
  readonly name: string;
  readonly counts: ResultCounts;
}

/** Everything `tollgate report` shows. */
export interface ReportSummary {
  readonly reports: number;
  readonly totals: ResultCounts;
  readonly byPolicy: SummaryRow[];
  readonly byRule: SummaryRow[];
  readonly byNamespace: SummaryRow[];
  readonly byTeam: SummaryRow[];
  /** Findings whose result is `fail` or `error`, in report order. */
  readonly failures: (ReportFinding & { readonly team: string })[];
  /** Report entries that could not be read (skipped). */
  readonly problems: string[];
}

/** Filters and the team lookup of a summary. */
export interface SummaryOptions {
  /** Keep only `fail` and `error` results. */
  readonly failuresOnly?: boolean;
  /** Policy name (Kyverno wildcards allowed). */
  readonly policy?: string;
  /** Namespace (Kyverno wildcards allowed); '' selects cluster-scoped results. */
  readonly namespace?: string;
  readonly teamOf?: TeamOf;
}

/** Team shown when no lookup knows the resource. */
export const UNKNOWN_TEAM = 'unknown';

/** Summarise report documents; entries that cannot be read are listed in `problems`, never thrown. */
export function summarizeReports(reports: readonly JsonObject[], opts: SummaryOptions = {}): ReportSummary {
  const problems: string[] = [];
  const findings: ReportFinding[] = [];
  for (const report of reports) {
    const r = reportFindings(report);
    problems.push(...r.problems);
    findings.push(...r.findings.filter((f) => selected(f, opts)));
  }
  const teamOf = (f: ReportFinding): string => (f.resource && opts.teamOf?.(f.resource)) || UNKNOWN_TEAM;
  return {
    reports: reports.length,
    totals: countAll(findings),
    byPolicy: breakdown(findings, (f) => f.policy),
    byRule: breakdown(findings, (f) => `${f.policy}/${f.rule}`),
    byNamespace: breakdown(findings, (f) => f.namespace),
    byTeam: breakdown(findings, teamOf),
    failures: findings.filter(isFailure).map((f) => ({ ...f, team: teamOf(f) })),
    problems,
  };
}

/** True for results that count as violations: `fail` and `error`. */
export function isFailure(f: { readonly result: ReportResultValue }): boolean {
  return f.result === 'fail' || f.result === 'error';
}

function selected(f: ReportFinding, opts: SummaryOptions): boolean {
  if (opts.failuresOnly && !isFailure(f)) return false;
  if (opts.policy !== undefined && !wildcardMatch(opts.policy, f.policy)) return false;
  return opts.namespace === undefined || wildcardMatch(opts.namespace, f.namespace);
}

function emptyCounts(): ResultCounts {
  return { pass: 0, fail: 0, warn: 0, error: 0, skip: 0, total: 0 };
}

function countAll(findings: readonly ReportFinding[]): ResultCounts {
  const counts = emptyCounts();
  for (const f of findings) {
    counts[f.result]++;
    counts.total++;
  }
  return counts;
}

// Rows with the most failures first, then by name, so the worst offenders head every table.
function breakdown(findings: readonly ReportFinding[], keyOf: (f: ReportFinding) => string): SummaryRow[] {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const key = keyOf(f);
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const failing = (c: ResultCounts): number => c.fail + c.error;
  return [...groups.entries()]
    .map(([name, fs]) => ({ name, counts: countAll(fs) }))
    .sort((a, b) => failing(b.counts) - failing(a.counts) || a.name.localeCompare(b.name));
}
