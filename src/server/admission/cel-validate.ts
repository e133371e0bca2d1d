// Kyverno: ValidatingPolicies in the validating webhook — `validationActions` decide what a failure does: Deny
// rejects the request, Warn adds a warning, Audit only reports; an error rejects under `failurePolicy: Fail`.
import {
  celStageOf,
  evaluateValidatingPolicy,
  type CompiledValidatingPolicy,
  type LoadedCelPolicy,
} from '../../engine/cel-policy/index.js';
import { validationActionsOf } from '../../engine/cel-policy/policy-traits.js';
import { isObject } from '../../engine/json.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { celRequestOf } from './cel-request.js';
import type { AdmissionReviewRequest } from './review.js';
import type { AdmissionDeps, AdmissionPlan } from './types.js';

/** What the ValidatingPolicies decided for one request. */
export interface CelValidation {
  readonly results: readonly RuleResult[];
  /** One line per denying policy (`Policy <name> failed: <message>`). */
  readonly denials: readonly string[];
  readonly warnings: readonly string[];
}

/** Evaluate the plan's ValidatingPolicies that take part in admission. */
export function validateWithCelPolicies(
  review: AdmissionReviewRequest,
  plan: AdmissionPlan,
  deps: AdmissionDeps,
): CelValidation {
  const policies = admissionValidatingPolicies(plan);
  const out = { results: [] as RuleResult[], denials: [] as string[], warnings: [] as string[] };
  if (policies.length === 0) return out;
  const req = celRequestOf(review, deps);
  for (const policy of policies) {
    const actions = validationActionsOf(policy);
    for (const response of evaluateValidatingPolicy(policy, req, plan.celExceptions ?? [])) {
      for (const r of response.rules) {
        out.results.push(r);
        const line = `Policy ${policy.name} ${r.status === 'error' ? 'error' : 'failed'}: ${r.message}`;
        if (r.status === 'fail' && actions.has('Deny')) out.denials.push(line);
        else if (r.status === 'error' && policy.failurePolicy === 'Fail') out.denials.push(line);
        else if ((r.status === 'fail' || r.status === 'error') && actions.has('Warn')) out.warnings.push(line);
      }
    }
  }
  return out;
}

// Which policies take part is fixed per plan.
const admittedByPlan = new WeakMap<AdmissionPlan, readonly CompiledValidatingPolicy[]>();
function admissionValidatingPolicies(plan: AdmissionPlan): readonly CompiledValidatingPolicy[] {
  let found = admittedByPlan.get(plan);
  if (!found) admittedByPlan.set(plan, (found = (plan.celPolicies ?? []).filter(isValidatingPolicy).filter(admits)));
  return found;
}

function isValidatingPolicy(p: LoadedCelPolicy): p is CompiledValidatingPolicy {
  return !('unsupported' in p) && celStageOf(p) === 'validating';
}

// Kubernetes-mode policies with `evaluation.admission.enabled` not false take part in admission (§2.2, §2.10).
function admits(p: CompiledValidatingPolicy): boolean {
  if (p.mode !== 'Kubernetes' || p.diagnostics.length > 0) return false;
  const spec = isObject(p.source?.value) && isObject(p.source.value.spec) ? p.source.value.spec : {};
  const evaluation = isObject(spec.evaluation) ? spec.evaluation : {};
  const admission = isObject(evaluation.admission) ? evaluation.admission : {};
  return admission.enabled !== false;
}
