// MutatingPolicies in the mutating webhook, after the classic mutate policies: each on the output of the previous;
// a policy whose evaluation errors rejects the request under `failurePolicy: Fail` (the default), or has its
// changes dropped under `Ignore` (kyverno-cel-semantics §3.3).
import { evaluateMutatingPolicy } from '../../engine/cel-policy/index.js';
import type { JsonObject } from '../../engine/json.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { celRequestOf } from './cel-request.js';
import { admissionCelPolicies } from './cel-admission-policies.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps, AdmissionPlan } from './types.js';

/** The object after every MutatingPolicy, their results, and the rejection message when one errored under Fail. */
export interface CelMutation {
  readonly object: JsonObject;
  readonly results: readonly RuleResult[];
  readonly rejection?: string;
}

/** Apply the plan's MutatingPolicies to `object` (the classic policies' output). */
export function mutateWithCelPolicies(
  review: AdmissionReviewRequest,
  object: JsonObject,
  plan: AdmissionPlan,
  deps: AdmissionDeps,
): CelMutation {
  const results: RuleResult[] = [];
  let current = object;
  const base = celRequestOf(review, deps);
  for (const { policy, failurePolicy } of admissionCelPolicies(plan).mutating) {
    const responses = evaluateMutatingPolicy(policy, { ...base, object: current }, plan.celExceptions ?? []);
    const rules = responses.flatMap((r) => r.rules);
    results.push(...rules);
    const errors = rules.filter((r) => r.status === 'error');
    if (errors.length > 0) {
      if (failurePolicy === 'Ignore') continue;
      const rejection = `mutation policy ${policy.name} error: ${errors.map((e) => e.message).join('; ')}`;
      return { object: current, results, rejection };
    }
    const patched = responses.filter((r) => r.patched).at(-1)?.patched;
    if (patched) current = patched;
  }
  return { object: current, results };
}
