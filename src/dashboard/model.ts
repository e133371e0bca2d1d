// What the dashboard shows: one row per report result (policy × rule × resource), the per-policy figures the
// trend is made of, and the filters the API accepts. Shared by the store, the queries, the API and the UI.
import type { FilterField } from './filters.js';
import { REPORT_RESULTS, type ReportResultValue } from '../report/summary/report-findings.js';

/** The result values a row can carry (those of PolicyReports). */
export const RESULT_VALUES = REPORT_RESULTS;

/** One result value. */
export type ResultValue = ReportResultValue;

/** One report result for one resource, with its owner and, when Git has it, where to fix it. */
export interface ResultRow {
  readonly policy: string;
  readonly rule: string;
  readonly result: ResultValue;
  readonly message: string;
  readonly apiVersion: string;
  readonly kind: string;
  /** '' for cluster-scoped resources. */
  readonly namespace: string;
  readonly name: string;
  readonly team: string | null;
  /** The report entry's severity and category (Kyverno takes them from the policy's annotations). */
  readonly severity: string | null;
  readonly category: string | null;
  /** When the result was produced (RFC 3339), when the report says. */
  readonly timestamp: string | null;
  /** The file:line in Git of the offending resource (--repo), else null. */
  readonly file: string | null;
  readonly line: number | null;
}

/** A policy's counts in one snapshot, and its rollout verdict when a repository says what its mode is. */
export interface PolicySummary {
  readonly policy: string;
  /** 'Audit' | 'Enforce' from the repository's policy, null when no repository was given. */
  readonly mode: string | null;
  /** Ready to enforce (rollout status), null when unknown (no repository, or the policy already enforces). */
  readonly ready: boolean | null;
  readonly blockers: number;
  readonly pass: number;
  readonly fail: number;
  readonly warn: number;
  readonly error: number;
  readonly skip: number;
}

/** Everything one reading of the reports gives: the rows and the per-policy figures. */
export interface Snapshot {
  readonly takenAt: string;
  readonly source: string;
  readonly policies: readonly PolicySummary[];
  readonly results: readonly ResultRow[];
}

/** The filters of GET /api/results (and of the facet counts); absent or '' means any. */
export type ResultFilter = { readonly [F in FilterField]?: string } & {
  /** Free text: matched against the resource name, policy, rule and message. */
  readonly q?: string;
};

/** A page request: 1-based page, and its size. */
export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

/** One page of rows and the total that matched. */
export interface ResultPage {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly rows: readonly ResultRow[];
}
