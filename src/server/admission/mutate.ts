// Kyverno: spec §13.2 step 1 — the mutating webhook: every mutate policy in order, one JSON patch for the union.
import jsonpatch from 'fast-json-patch';
import type { JsonObject } from '../../engine/json.js';
import { evaluateMutation } from '../../engine/evaluate/mutate/evaluate-mutation.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { admissionPolicies, admittedResource, finish, isOutcome, openAdmission } from './admission-context.js';
import { warningsFor } from './messages.js';
import { mutateWithCelPolicies } from './cel-mutate.js';
import { emitsWarnings, failurePolicyOf } from './policy-traits.js';
import type { AdmissionDeps, AdmissionOutcome, AdmissionPlan } from './types.js';

/** Answer a mutating-webhook AdmissionReview; malformed bodies get status 400, never a throw. */
export function admitMutate(body: unknown, plan: AdmissionPlan, deps: AdmissionDeps): AdmissionOutcome {
  const ctx = openAdmission(body, deps);
  if (isOutcome(ctx)) return ctx;
  const original = ctx.req.object;
  if (!original) return finish(ctx.review, { allowed: true }, []);
  let current: JsonObject = original;
  let failInEffect = false;
  const results: RuleResult[] = [];
  const warnings: string[] = [];
  for (const cp of admissionPolicies(plan, 'mutate', admittedResource(ctx))) {
    const r = evaluateMutation(cp, { ...ctx.req, object: current }, deps.env);
    results.push(...r.response.rules);
    // Kyverno: once a Fail policy ran in this request, later errors reject too (spec §13.2 step 1).
    failInEffect ||= failurePolicyOf(cp) === 'Fail';
    const failed = r.response.rules.filter((x) => x.status === 'error' || x.status === 'fail');
    if (failed.length > 0) {
      if (failInEffect) return finish(ctx.review, { allowed: false, message: mutationError(cp, failed) }, results);
      continue; // Ignore: this policy's patches are discarded.
    }
    if (emitsWarnings(cp))
      warnings.push(
        ...warningsFor(
          cp.policy.name,
          r.response.rules.filter((x) => x.status !== 'skip'),
        ),
      );
    if (r.resource) current = r.resource;
  }
  const cel = mutateWithCelPolicies(ctx.review, current, plan, deps);
  results.push(...cel.results);
  if (cel.rejection) return finish(ctx.review, { allowed: false, message: cel.rejection }, results);
  const patch = jsonpatch.compare(original, cel.object) as unknown as JsonObject[];
  return finish(ctx.review, { allowed: true, warnings, patch }, results);
}

function mutationError(cp: CompiledPolicy, failed: readonly RuleResult[]): string {
  const name = cp.policy.name;
  const rules = failed.map((r) => `${r.rule}: ${r.message}`).join(' ');
  return `mutation policy ${name} error: failed to apply policy ${name} rules [${rules}]`;
}
