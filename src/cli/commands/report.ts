// `tollgate report [PATH|-]... [--cluster]`: summarise PolicyReports (and OpenReports Reports) read from files, stdin
// or the cluster's API server.
import {
  closestMatch,
  isKubernetesObject,
  isObject,
  parseDocuments,
  type JsonObject,
  type SourceDocument,
  type SourceError,
  renderSourceError,
} from '../../engine/index.js';
import { readDocuments } from '../../files/read-documents.js';
import { isPolicyReport } from '../../report/summary/report-findings.js';
import { renderSummaryJson } from '../../report/summary/render-json.js';
import { renderSummaryMarkdown } from '../../report/summary/render-markdown.js';
import { renderSummaryTable } from '../../report/summary/render-table.js';
import { summarizeReports, UNKNOWN_TEAM, type ReportSummary } from '../../report/summary/summarize.js';
import { teamLookup } from '../../report/summary/team-lookup.js';
import { EXIT, UserError } from '../errors.js';
import { listClusterReports } from './cluster-reports.js';
import { expandList } from './report-inputs.js';
import { REPORT_FORMATS } from '../formats.js';

/** Output formats of `tollgate report`. */
export { REPORT_FORMATS };

/** Options of `tollgate report`. */
export interface ReportOptions {
  /** Text read from stdin, used for `-` or when no path is given. */
  readonly stdin?: string;
  readonly failuresOnly?: boolean;
  readonly policy?: string;
  readonly namespace?: string;
  readonly output: (typeof REPORT_FORMATS)[number];
  /** Exit 1 when any result is `fail` or `error`. */
  readonly exitOnViolations?: boolean;
  /** Also read PolicyReports and ClusterPolicyReports from the cluster's API server. */
  readonly cluster?: boolean;
  /** Kubeconfig file for `cluster` (default: KUBECONFIG, ~/.kube/config or the in-cluster account). */
  readonly kubeconfig?: string;
  /** Kubeconfig context for `cluster` (default: the current context). */
  readonly context?: string;
}

/** What to print: the summary on stdout, notes (skipped documents and entries) on stderr. */
export interface ReportRun {
  readonly output: string;
  readonly exitCode: number;
  readonly notes: string[];
}

const STDIN = '-';

/** Read the reports, summarise and render them; throws UserError for unreadable input or an unusable cluster. */
export async function runReport(inputs: readonly string[], opts: ReportOptions): Promise<ReportRun> {
  if (!opts.cluster && (opts.kubeconfig || opts.context))
    throw new UserError('--kubeconfig and --context need --cluster');
  // With --cluster, files are read only when named (e.g. resources whose labels name the owning teams).
  const docs = opts.cluster && inputs.length === 0 ? [] : loadDocuments(inputs, opts.stdin);
  const reports: JsonObject[] = opts.cluster ? await listClusterReports(opts) : [];
  const others: JsonObject[] = [];
  const notes: string[] = [];
  for (const d of docs.flatMap(expandList)) {
    if (isPolicyReport(d.value)) reports.push(d.value);
    else {
      if (isObject(d.value)) others.push(d.value);
      notes.push(`${d.file}:${d.pos.line}: skipped ${describe(d.value)}: not a policy report`);
    }
  }
  // Non-report objects (resources, Namespaces) still tell which team owns a reported resource.
  const summary = summarizeReports(reports, {
    failuresOnly: opts.failuresOnly,
    policy: opts.policy,
    namespace: opts.namespace,
    teamOf: teamLookup(others),
  });
  notes.push(...summary.problems.map((p) => `skipped ${p}`));
  // Nothing matched: say why; with --exit-on-violations that is not a pass (a typo in --policy must not look green).
  if (summary.totals.total === 0) notes.push(noResultsNote(reports, opts));
  // PolicyReports carry no labels: teams come from the resources (or their Namespaces) given next to the reports.
  else if (summary.byTeam.every((row) => row.name === UNKNOWN_TEAM))
    notes.push(
      'owning teams are unknown: PolicyReports carry no labels; give the resources or Namespaces with a `team` label too (e.g. tollgate report reports/ manifests/)',
    );
  const exitCode =
    opts.exitOnViolations && summary.totals.total === 0
      ? EXIT.usage
      : opts.exitOnViolations && summary.failures.length > 0
        ? EXIT.violations
        : EXIT.ok;
  return { output: render(summary, opts.output), exitCode, notes };
}

function noResultsNote(reports: readonly JsonObject[], opts: ReportOptions): string {
  if (reports.length === 0) return 'no PolicyReports were read';
  const filters = [opts.policy && `--policy ${opts.policy}`, opts.namespace && `--namespace ${opts.namespace}`];
  const used = filters.filter(Boolean).join(' and ');
  if (!used) return 'the PolicyReports hold no results';
  const policies = new Set(
    reports.flatMap((r) => (Array.isArray(r.results) ? r.results : [])).map((x) => String(isObject(x) ? x.policy : '')),
  );
  const hint = opts.policy ? closestMatch(opts.policy, policies) : undefined;
  return `no result matches ${used}${hint ? ` (did you mean --policy ${hint}?)` : ''}`;
}

function loadDocuments(inputs: readonly string[], stdin: string | undefined): SourceDocument[] {
  const paths = inputs.length === 0 ? [STDIN] : inputs;
  const docs: SourceDocument[] = [];
  const errors: SourceError[] = [];
  for (const p of paths) {
    if (p === STDIN && stdin === undefined)
      throw new UserError('no report input: give report files or pipe them to stdin');
    const r = p === STDIN ? parseDocuments(stdin ?? '', '<stdin>') : readDocuments([p]);
    docs.push(...r.documents);
    errors.push(...r.errors);
  }
  if (errors.length > 0) {
    const e = errors[0];
    throw new UserError(renderSourceError(e).split('\n')[0]);
  }
  return docs;
}

function describe(v: unknown): string {
  if (!isKubernetesObject(v)) return 'a document without apiVersion and kind';
  const meta = isObject(v.metadata) ? v.metadata : {};
  return `${v.kind}${typeof meta.name === 'string' ? ` ${meta.name}` : ''}`;
}

function render(summary: ReportSummary, format: ReportOptions['output']): string {
  if (format === 'json') return renderSummaryJson(summary);
  if (format === 'markdown') return renderSummaryMarkdown(summary);
  return renderSummaryTable(summary);
}
