// Shared pieces of the summary renderers: section order, column names and cell texts.
import { REPORT_RESULTS, type ReportFinding } from './report-findings.js';
import type { ReportSummary, ResultCounts, SummaryRow } from './summarize.js';

/** A breakdown section: its title, first column header and rows. */
export interface Section {
  readonly title: string;
  readonly column: string;
  readonly rows: readonly SummaryRow[];
  readonly label: (name: string) => string;
}

/** Headers of the count columns, in display order. */
export const COUNT_HEADERS = [...REPORT_RESULTS, 'total'];

/** Headers of the failure list. */
export const FAILURE_HEADERS = ['result', 'policy', 'rule', 'resource', 'namespace', 'team', 'message'];

/** The breakdowns in display order. */
export function sections(s: ReportSummary): Section[] {
  const same = (n: string): string => n;
  return [
    { title: 'By policy', column: 'policy', rows: s.byPolicy, label: same },
    { title: 'By rule', column: 'rule', rows: s.byRule, label: same },
    { title: 'By namespace', column: 'namespace', rows: s.byNamespace, label: namespaceLabel },
    { title: 'By team', column: 'team', rows: s.byTeam, label: same },
  ];
}

/** The count cells of a row. */
export function countCells(c: ResultCounts): string[] {
  return [...REPORT_RESULTS.map((r) => String(c[r])), String(c.total)];
}

/** The cells of one failing finding; messages are folded onto one line. */
export function failureCells(f: ReportFinding & { readonly team: string }): string[] {
  const resource = f.resource ? `${f.resource.kind}/${f.resource.name}` : '-';
  const message = f.message.replace(/\s*\n\s*/g, ' ').trim();
  return [f.result, f.policy, f.rule, resource, namespaceLabel(f.namespace), f.team, message];
}

/** The one-line totals. */
export function totalsLine(s: ReportSummary): string {
  const parts = REPORT_RESULTS.map((r) => `${r} ${s.totals[r]}`).join(', ');
  const reports = `${s.reports} report${s.reports === 1 ? '' : 's'}`;
  return `${reports}, ${s.totals.total} result${s.totals.total === 1 ? '' : 's'}: ${parts}`;
}

/** Cluster-scoped results have no namespace. */
export function namespaceLabel(ns: string): string {
  return ns === '' ? '(cluster)' : ns;
}
