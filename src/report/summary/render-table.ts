// Plain-text summary with aligned columns (no colours: it is meant for logs and terminals alike).
import { COUNT_HEADERS, FAILURE_HEADERS, countCells, failureCells, sections, totalsLine } from './render-common.js';
import type { ReportSummary } from './summarize.js';

/** The summary as aligned plain-text tables. */
export function renderSummaryTable(summary: ReportSummary): string {
  const out = [totalsLine(summary)];
  if (summary.totals.total === 0) return `${out[0]}\nNo report results matched.\n`;
  for (const sec of sections(summary)) {
    const rows = sec.rows.map((r) => [sec.label(r.name), ...countCells(r.counts)]);
    out.push('', sec.title, ...alignColumns([sec.column, ...COUNT_HEADERS], rows, true));
  }
  if (summary.failures.length > 0)
    out.push('', 'Failures', ...alignColumns(FAILURE_HEADERS, summary.failures.map(failureCells), false));
  return out.join('\n') + '\n';
}

/** Rows padded to column width; with `numeric`, every column after the first is right-aligned. */
export function alignColumns(header: readonly string[], rows: readonly string[][], numeric: boolean): string[] {
  const all = [header.map((h) => h.toUpperCase()), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) =>
    r
      .map((cell, i) => {
        if (i === r.length - 1 && !numeric) return cell; // no trailing padding after a free-text column
        return numeric && i > 0 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
      })
      .join('  '),
  );
}
