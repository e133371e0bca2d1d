// Kyverno: spec §12 — wgpolicyk8s.io/v1alpha2 PolicyReport / ClusterPolicyReport from rule results.
import { createHash } from 'node:crypto';
import {
  isScored,
  reportedStatus,
  type JsonObject,
  type LoadedPolicy,
  type ResourceId,
  type RuleResult,
  type RuleStatus,
} from '../engine/index.js';

/** What a report reads from the policy of a result; serve's ReportStore also reads `admission` to mark results. */
export type ReportedPolicy = Pick<LoadedPolicy, 'annotations' | 'background'> & {
  readonly admission?: Pick<LoadedPolicy['admission'], 'failurePolicy'>;
};

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info']);

/** The label every report Tollgate writes carries. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'tollgate' } as const;

/** Looks up the UID of a reported resource; undefined when it is not known. */
export type UidLookup = (resource: ResourceId) => string | undefined;

/** Report properties a writer adds to Kyverno's own; prefixed `tollgate.dev/` so that they never clash. */
export type ExtraProperties = Readonly<Record<string, string>>;

/** One report result as Kyverno writes it; `uid` is added to the result's resource when known. */
export function reportResult(
  r: RuleResult,
  policy: ReportedPolicy | undefined,
  timestampSeconds: number,
  uid?: string,
  process?: string,
  extra?: ExtraProperties,
): JsonObject {
  const scored = isScored(policy);
  const result: RuleStatus = reportedStatus(policy, r.status);
  const out: JsonObject = {
    policy: r.policy,
    rule: r.rule,
    result,
    message: r.message,
    scored,
    source: 'kyverno',
    timestamp: { seconds: timestampSeconds, nanos: 0 },
    resources: [resourceRef(r.resource, uid)],
    properties: {
      // The webhook and the scanner say how they produced the result; offline reports follow the policy.
      process: process ?? (policy && !policy.background ? 'admission review' : 'background scan'),
      ...(r.exceptions?.length ? { exceptions: r.exceptions.join(',') } : {}),
      ...extra,
    },
  };
  const severity = policy?.annotations['policies.kyverno.io/severity'];
  if (severity && SEVERITIES.has(severity)) out.severity = severity;
  const category = policy?.annotations['policies.kyverno.io/category'];
  if (category) out.category = category;
  return out;
}

/** Identity of a resource as one string (apiVersion, kind, namespace, name). */
export function resourceKey(r: ResourceId): string {
  return [r.apiVersion, r.kind, r.namespace, r.name].join('\u0000');
}

/** Report name for a resource: its UID (as Kyverno), else `tollgate-` + a stable hash of its identity. */
export function reportName(resource: ResourceId, uid?: string): string {
  if (uid) return uid;
  return `tollgate-${createHash('sha256').update(resourceKey(resource)).digest('hex').slice(0, 16)}`;
}

/** The report of one resource: its results (each with its own timestamp in seconds), scope and summary. */
export function resourceReport(
  resource: ResourceId,
  uid: string | undefined,
  results: readonly { result: RuleResult; seconds: number; process?: string; properties?: ExtraProperties }[],
  policies: ReadonlyMap<string, ReportedPolicy>,
): JsonObject {
  // Sorted so that the same results always give the same report content (writers compare content).
  const items = [...results]
    .sort((a, b) => a.result.policy.localeCompare(b.result.policy) || a.result.rule.localeCompare(b.result.rule))
    .map((e) => reportResult(e.result, policies.get(e.result.policy), e.seconds, uid, e.process, e.properties));
  const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const i of items) summary[i.result as RuleStatus]++;
  const ns = resource.namespace;
  // Kyverno: §12.1 — the owner reference lets the API server garbage-collect the report with its resource.
  const owner: JsonObject = uid
    ? { ownerReferences: [{ apiVersion: resource.apiVersion, kind: resource.kind, name: resource.name, uid }] }
    : {};
  return {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: ns ? 'PolicyReport' : 'ClusterPolicyReport',
    metadata: {
      name: reportName(resource, uid),
      ...(ns ? { namespace: ns } : {}),
      labels: { ...MANAGED_BY },
      ...owner,
    },
    scope: resourceRef(resource, uid),
    results: items,
    summary,
  };
}

/** One report per resource (spec §12.1): a PolicyReport in its namespace, a ClusterPolicyReport when cluster-scoped. */
export function buildPolicyReports(
  results: readonly RuleResult[],
  policies: ReadonlyMap<string, ReportedPolicy>,
  timestampSeconds: number,
  uidOf: UidLookup = () => undefined,
): JsonObject[] {
  const byResource = new Map<string, { resource: ResourceId; results: { result: RuleResult; seconds: number }[] }>();
  for (const r of results) {
    const k = resourceKey(r.resource);
    const group = byResource.get(k) ?? { resource: r.resource, results: [] };
    byResource.set(k, group);
    group.results.push({ result: r, seconds: timestampSeconds });
  }
  return [...byResource.values()]
    .sort((a, b) => compareResources(a.resource, b.resource))
    .map((g) => resourceReport(g.resource, uidOf(g.resource), g.results, policies));
}

/** Order of reports: by namespace, then kind, name and apiVersion. */
export function compareResources(a: ResourceId, b: ResourceId): number {
  return (
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name) ||
    a.apiVersion.localeCompare(b.apiVersion)
  );
}

function resourceRef(r: ResourceId, uid: string | undefined): JsonObject {
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    name: r.name,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    ...(uid ? { uid } : {}),
  };
}
