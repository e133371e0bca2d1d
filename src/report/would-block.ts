// Audit results that Enforce would deny: the live half of an Audit → Enforce rollout's blast radius. `tollgate serve`
// marks them in its PolicyReports (and counts them), so readers need not re-derive each rule's action per namespace.
import type { AdmissionTraits, RuleResult } from '../engine/index.js';

/**
 * PolicyReport result property set to `"true"` on a validate result whose effective action is Audit and that Enforce
 * would deny: a failure, or an error under `failurePolicy: Fail`. Absent otherwise.
 */
export const WOULD_BLOCK_PROPERTY = 'tollgate.dev/would-block';

/** A policy's failurePolicy by policy key; undefined for a policy no longer loaded. */
export type FailurePolicyOf = (policy: string) => AdmissionTraits['failurePolicy'] | undefined;

/** Whether `r` only audits what Enforce would deny. */
export function wouldBlock(r: RuleResult, failurePolicyOf: FailurePolicyOf): boolean {
  if (r.ruleType !== 'validate' || r.action !== 'Audit' || (r.status !== 'fail' && r.status !== 'error')) return false;
  return auditedDenial(r, failurePolicyOf);
}

// The failurePolicy is looked up only for errors, which keeps the webhook's hot path free of policy lookups; and the
// closure is made here, not in wouldBlock, so the results that return early (most) cost V8 no function context.
function auditedDenial(r: RuleResult, failurePolicyOf: FailurePolicyOf): boolean {
  return deniedUnderEnforce(r.status, () => failurePolicyOf(r.policy));
}

/** Whether Enforce denies a validate result of `status`: a failure, or an error under failurePolicy Fail. */
export function deniedUnderEnforce(
  status: string,
  failurePolicy: () => AdmissionTraits['failurePolicy'] | undefined,
): boolean {
  // Kyverno: an error denies only under failurePolicy Fail, the default (spec §13.5).
  return status === 'fail' || (status === 'error' && failurePolicy() !== 'Ignore');
}
