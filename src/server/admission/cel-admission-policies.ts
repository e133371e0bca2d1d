// Which policies.kyverno.io policies of a plan take part in admission, and what decides their effect there —
// worked out once per plan (a reload makes a new plan), never per request.
import {
  celStageOf,
  type CompiledGeneratingPolicy,
  type CompiledMutatingPolicy,
  type CompiledValidatingPolicy,
  type LoadedCelPolicy,
} from '../../engine/cel-policy/index.js';
import { validationActionsOf, type ValidationAction } from '../../engine/cel-policy/policy-traits.js';
import { isObject, type JsonObject } from '../../engine/json.js';
import type { AdmissionPlan } from './types.js';

/** A ValidatingPolicy with its `validationActions`. */
export interface AdmissionValidatingPolicy {
  readonly policy: CompiledValidatingPolicy;
  readonly actions: ReadonlySet<ValidationAction>;
}

/** A MutatingPolicy with its `failurePolicy` (Fail by default). */
export interface AdmissionMutatingPolicy {
  readonly policy: CompiledMutatingPolicy;
  readonly failurePolicy: 'Fail' | 'Ignore';
}

/** The plan's CEL policies by webhook stage, in load order. */
export interface AdmissionCelPolicies {
  readonly validating: readonly AdmissionValidatingPolicy[];
  readonly mutating: readonly AdmissionMutatingPolicy[];
  readonly generating: readonly CompiledGeneratingPolicy[];
}

const byPlan = new WeakMap<AdmissionPlan, AdmissionCelPolicies>();

/** The CEL policies of `plan` that take part in admission. */
export function admissionCelPolicies(plan: AdmissionPlan): AdmissionCelPolicies {
  let found = byPlan.get(plan);
  if (!found) byPlan.set(plan, (found = select(plan.celPolicies ?? [])));
  return found;
}

function select(loaded: readonly LoadedCelPolicy[]): AdmissionCelPolicies {
  const out = {
    validating: [] as AdmissionValidatingPolicy[],
    mutating: [] as AdmissionMutatingPolicy[],
    generating: [] as CompiledGeneratingPolicy[],
  };
  for (const p of loaded) {
    if ('unsupported' in p || p.diagnostics.length > 0 || !admissionEnabled(p)) continue;
    const stage = celStageOf(p);
    if (stage === 'validating') {
      const policy = p as CompiledValidatingPolicy;
      // Kyverno: JSON-mode policies validate payloads, not admission requests (§2.10).
      if (policy.mode === 'Kubernetes') out.validating.push({ policy, actions: validationActionsOf(policy) });
    } else if (stage === 'mutating') {
      const failurePolicy = specOf(p).failurePolicy === 'Ignore' ? 'Ignore' : 'Fail';
      out.mutating.push({ policy: p as CompiledMutatingPolicy, failurePolicy });
    } else out.generating.push(p as CompiledGeneratingPolicy);
  }
  return out;
}

// Kyverno: `evaluation.admission.enabled` (default true) switches a policy's admission part on (§2.2).
function admissionEnabled(p: LoadedCelPolicy): boolean {
  const evaluation = specOf(p).evaluation;
  const admission = isObject(evaluation) ? evaluation.admission : undefined;
  return !isObject(admission) || admission.enabled !== false;
}

function specOf(p: LoadedCelPolicy): JsonObject {
  return isObject(p.source?.value) && isObject(p.source.value.spec) ? p.source.value.spec : {};
}
