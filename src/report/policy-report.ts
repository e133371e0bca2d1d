// Kyverno: spec §12 — wgpolicyk8s.io/v1alpha2 PolicyReport / ClusterPolicyReport from rule results.
import type { JsonObject } from '../engine/json.js';
import { isScored, reportedStatus, type ClassicPolicy } from '../engine/policy/policy.js';
import type { RuleResult, RuleStatus } from '../engine/result/rule-result.js';

const SEVERITIES = new Set(['critical', 'high', 'medium', 'low', 'info']);

/** One report result as Kyverno writes it. */
export function reportResult(r: RuleResult, policy: ClassicPolicy | undefined, timestampSeconds: number): JsonObject {
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
    resources: [
      {
        apiVersion: r.resource.apiVersion,
        kind: r.resource.kind,
        name: r.resource.name,
        ...(r.resource.namespace ? { namespace: r.resource.namespace } : {}),
      },
    ],
    properties: {
      process: policy?.spec.background === false ? 'admission review' : 'background scan',
      ...(r.exceptions?.length ? { exceptions: r.exceptions.join(',') } : {}),
    },
  };
  const severity = policy?.annotations['policies.kyverno.io/severity'];
  if (severity && SEVERITIES.has(severity)) out.severity = severity;
  const category = policy?.annotations['policies.kyverno.io/category'];
  if (category) out.category = category;
  return out;
}

/** Reports grouped by namespace: a PolicyReport per namespace and one ClusterPolicyReport for cluster-scoped resources. */
export function buildPolicyReports(
  results: readonly RuleResult[],
  policies: ReadonlyMap<string, ClassicPolicy>,
  timestampSeconds: number,
): JsonObject[] {
  const byNamespace = new Map<string, RuleResult[]>();
  for (const r of results) byNamespace.set(r.resource.namespace, [...(byNamespace.get(r.resource.namespace) ?? []), r]);
  return [...byNamespace.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ns, rs]) => {
      const items = rs.map((r) => reportResult(r, policies.get(r.policy), timestampSeconds));
      const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
      for (const i of items) summary[i.result as RuleStatus]++;
      return {
        apiVersion: 'wgpolicyk8s.io/v1alpha2',
        kind: ns ? 'PolicyReport' : 'ClusterPolicyReport',
        metadata: {
          name: ns ? `tollgate-${ns}` : 'tollgate-cluster',
          ...(ns ? { namespace: ns } : {}),
          labels: { 'app.kubernetes.io/managed-by': 'tollgate' },
        },
        results: items,
        summary,
      };
    });
}
