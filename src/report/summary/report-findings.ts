// Kyverno: spec §12 — policy report documents (wgpolicyk8s.io and OpenReports forms) → flat findings.
import { isObject, type JsonObject, type JsonValue } from '../../engine/index.js';

/** The result values a report entry can carry. */
export const REPORT_RESULTS = ['pass', 'fail', 'warn', 'error', 'skip'] as const;

/** One report result value. */
export type ReportResultValue = (typeof REPORT_RESULTS)[number];

/** A resource a report result refers to. */
export interface ReportResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
}

/** One report result for one resource. */
export interface ReportFinding {
  readonly policy: string;
  readonly rule: string;
  readonly result: ReportResultValue;
  readonly message: string;
  /** Absent when the report names no resource for the result. */
  readonly resource?: ReportResource;
  /** '' for cluster-scoped resources. */
  readonly namespace: string;
  readonly severity?: string;
  readonly category?: string;
  /** When the result was produced (the entry's `timestamp.seconds`), RFC 3339. */
  readonly timestamp?: string;
}

/** The findings of one report and the entries that could not be read. */
export interface ReportFindings {
  readonly findings: ReportFinding[];
  readonly problems: string[];
}

const WG_KINDS = new Set(['PolicyReport', 'ClusterPolicyReport']);
const OPEN_REPORTS_KINDS = new Set(['Report', 'ClusterReport']);

/** True for a PolicyReport/ClusterPolicyReport or an OpenReports Report/ClusterReport. */
export function isPolicyReport(v: unknown): v is JsonObject {
  if (!isObject(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return false;
  if (v.apiVersion.startsWith('wgpolicyk8s.io/')) return WG_KINDS.has(v.kind);
  return v.apiVersion.startsWith('openreports.io/') && OPEN_REPORTS_KINDS.has(v.kind);
}

/** The findings of a report: one per result and resource (a result naming no resource gives one finding). */
export function reportFindings(report: JsonObject): ReportFindings {
  const label = reportLabel(report);
  const results = report.results ?? [];
  if (!Array.isArray(results)) return { findings: [], problems: [`${label}: results is not a list`] };
  const findings: ReportFinding[] = [];
  const problems: string[] = [];
  results.forEach((entry, i) => {
    const r = readEntry(entry, report);
    if (typeof r === 'string') problems.push(`${label}: results[${i}] ${r}`);
    else findings.push(...r);
  });
  return { findings, problems };
}

/** `Kind namespace/name` of a report, for messages. */
export function reportLabel(report: JsonObject): string {
  const meta = isObject(report.metadata) ? report.metadata : {};
  const name = text(meta.name) || '(unnamed)';
  return `${text(report.kind)} ${meta.namespace ? `${text(meta.namespace)}/` : ''}${name}`;
}

function readEntry(entry: JsonValue, report: JsonObject): ReportFinding[] | string {
  if (!isObject(entry)) return 'is not an object';
  const result = entry.result;
  if (!REPORT_RESULTS.includes(result as ReportResultValue)) return `has unknown result ${JSON.stringify(result)}`;
  // OpenReports renamed `message` to `description` and `resources` to `subjects`.
  const base = {
    policy: text(entry.policy),
    rule: text(entry.rule),
    result: result as ReportResultValue,
    message: text(entry.message ?? entry.description),
    ...(typeof entry.severity === 'string' ? { severity: entry.severity } : {}),
    ...(typeof entry.category === 'string' ? { category: entry.category } : {}),
    ...timestampOf(entry.timestamp),
  };
  const refs = resourceRefs(entry.resources ?? entry.subjects, report);
  const reportNs = isObject(report.metadata) ? text(report.metadata.namespace) : '';
  if (refs.length === 0) return [{ ...base, namespace: reportNs }];
  return refs.map((resource) => ({ ...base, resource, namespace: resource.namespace ?? reportNs }));
}

// Per-resource reports (spec §12.1) may name the resource only in `scope`, not in each result.
function resourceRefs(list: JsonValue | undefined, report: JsonObject): ReportResource[] {
  const refs = Array.isArray(list) ? list.filter(isObject).map(toRef) : [];
  if (refs.length > 0) return refs;
  return isObject(report.scope) ? [toRef(report.scope)] : [];
}

function toRef(o: JsonObject): ReportResource {
  return {
    apiVersion: text(o.apiVersion),
    kind: text(o.kind),
    name: text(o.name),
    ...(o.namespace ? { namespace: text(o.namespace) } : {}),
    ...(o.uid ? { uid: text(o.uid) } : {}),
  };
}

function timestampOf(v: JsonValue | undefined): { timestamp?: string } {
  const seconds = isObject(v) ? Number(v.seconds) : NaN;
  return Number.isFinite(seconds) ? { timestamp: new Date(seconds * 1000).toISOString() } : {};
}

function text(v: JsonValue | undefined): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}
