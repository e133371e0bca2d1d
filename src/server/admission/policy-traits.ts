// Policy-level admission settings read from `spec` (spec §1.3, §13.2, §13.5).
import { isObject } from '../../engine/json.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import type { RuleResult } from '../../engine/result/rule-result.js';

const isEnforce = (v: unknown) => v === 'Enforce' || v === 'enforce';

/** `Fail` (default) or `Ignore`, from webhookConfiguration.failurePolicy or the deprecated spec.failurePolicy. */
export function failurePolicyOf(cp: CompiledPolicy): 'Fail' | 'Ignore' {
  const spec = cp.policy.spec;
  const wc = isObject(spec.webhookConfiguration) ? spec.webhookConfiguration : {};
  return (wc.failurePolicy ?? spec.failurePolicy) === 'Ignore' ? 'Ignore' : 'Fail';
}

/** Whether the policy asks for admission warnings. */
export function emitsWarnings(cp: CompiledPolicy): boolean {
  return cp.policy.spec.emitWarning === true;
}

/** Whether the policy takes part in admission at all (`spec.admission`, default true). */
export function runsOnAdmission(cp: CompiledPolicy): boolean {
  return cp.policy.spec.admission !== false;
}

/** Whether the policy has rules of a type (declared or auto-generated). */
export function hasRules(cp: CompiledPolicy, type: 'validate' | 'mutate' | 'generate'): boolean {
  return cp.rules.some((r) => r.type === type);
}

// Kyverno: spec §13.2 — a policy is evaluated synchronously (may block) when it can enforce anywhere.
/** Whether Kyverno treats the policy as an Enforce policy for this request. */
export function isEnforcePolicy(cp: CompiledPolicy, results: readonly RuleResult[]): boolean {
  return results.some((r) => r.action === 'Enforce') || declaresEnforce(cp);
}

// What the policy declares does not change after loading; decide it once per compiled policy.
const declared = new WeakMap<CompiledPolicy, boolean>();
function declaresEnforce(cp: CompiledPolicy): boolean {
  let found = declared.get(cp);
  if (found === undefined) {
    const spec = cp.policy.spec;
    found =
      isEnforce(spec.validationFailureAction) ||
      overridesEnforce(spec.validationFailureActionOverrides) ||
      cp.rules.some(
        (r) =>
          r.validate && (isEnforce(r.validate.failureAction) || overridesEnforce(r.validate.failureActionOverrides)),
      );
    declared.set(cp, found);
  }
  return found;
}

function overridesEnforce(overrides: unknown): boolean {
  return Array.isArray(overrides) && overrides.some((o) => isObject(o) && isEnforce(o.action));
}
