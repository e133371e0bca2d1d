// Machine-readable summary: the ReportSummary itself.
import type { ReportSummary } from './summarize.js';

/** The summary as indented JSON (cluster-scoped rows and findings have namespace ''). */
export function renderSummaryJson(summary: ReportSummary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}
