// GitHub-flavoured Markdown summary, e.g. for a pull-request comment or a job summary.
import { COUNT_HEADERS, FAILURE_HEADERS, countCells, failureCells, sections, totalsLine } from './render-common.js';
import type { ReportSummary } from './summarize.js';

/** The summary as GitHub-flavoured Markdown tables. */
export function renderSummaryMarkdown(summary: ReportSummary): string {
  const out = ['## Policy report summary', '', totalsLine(summary)];
  if (summary.totals.total === 0) return `${out.join('\n')}\n\nNo report results matched.\n`;
  for (const sec of sections(summary)) {
    const rows = sec.rows.map((r) => [sec.label(r.name), ...countCells(r.counts)]);
    out.push('', `### ${sec.title}`, '', ...markdownTable([sec.column, ...COUNT_HEADERS], rows, true));
  }
  if (summary.failures.length > 0)
    out.push('', '### Failures', '', ...markdownTable(FAILURE_HEADERS, summary.failures.map(failureCells), false));
  return out.join('\n') + '\n';
}

/** A GFM table; with `numeric`, every column after the first is right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly string[][], numeric: boolean): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = header.map((_, i) => (numeric && i > 0 ? '---:' : '---'));
  return [line(header.map(capitalise)), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

// A pipe would end the cell and a newline the row.
function escapeCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
