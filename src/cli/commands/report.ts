// `tollgate report [PATH|-]...`: summarise PolicyReports (and OpenReports Reports) read from files or stdin.
import { readDocuments } from '../../files/read-documents.js';
import { isObject, type JsonObject } from '../../engine/json.js';
import { isKubernetesObject, listItems } from '../../engine/policy-set.js';
import { parseDocuments, type SourceDocument, type SourceError } from '../../engine/source/documents.js';
import { isPolicyReport } from '../../report/summary/report-findings.js';
import { renderSummaryJson } from '../../report/summary/render-json.js';
import { renderSummaryMarkdown } from '../../report/summary/render-markdown.js';
import { renderSummaryTable } from '../../report/summary/render-table.js';
import { summarizeReports, type ReportSummary } from '../../report/summary/summarize.js';
import { teamLookup } from '../../report/summary/team-lookup.js';
import { EXIT, UserError } from '../errors.js';

/** Output formats of `tollgate report`. */
export const REPORT_FORMATS = ['table', 'json', 'markdown'] as const;

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
  /** Read reports from the cluster API (not available yet). */
  readonly cluster?: boolean;
}

/** What to print: the summary on stdout, notes (skipped documents and entries) on stderr. */
export interface ReportRun {
  readonly output: string;
  readonly exitCode: number;
  readonly notes: string[];
}

const STDIN = '-';

/** Read the reports, summarise and render them; throws UserError for unreadable input. */
export function runReport(inputs: readonly string[], opts: ReportOptions): ReportRun {
  if (opts.cluster) throw new UserError('reading reports from the cluster is not available yet');
  const docs = loadDocuments(inputs, opts.stdin);
  const reports: JsonObject[] = [];
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
  const violations = opts.exitOnViolations && summary.failures.length > 0;
  return { output: render(summary, opts.output), exitCode: violations ? EXIT.violations : EXIT.ok, notes };
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
    throw new UserError(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message.split('\n')[0]}`);
  }
  return docs;
}

// A `kind: List` (e.g. `kubectl get policyreports -A -o yaml`) stands for its items.
function expandList(d: SourceDocument): SourceDocument[] {
  const v = d.value;
  const isList = isKubernetesObject(v) && String(v.kind).endsWith('List') && Array.isArray(v.items);
  return isList ? listItems(d) : [d];
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
