// Kyverno: spec §13.2 step 1 — the mutating webhook: every mutate policy in order (classic, then MutatingPolicies),
// one JSON patch for the union; a failure under `failurePolicy: Fail` rejects the request.
import { evaluate, type AdmissionDecision, type PolicySet } from '../../engine/index.js';
import { finish, isOutcome, openAdmission } from './admission-context.js';
import { warningsFor } from './messages.js';
import type { AdmissionDeps, AdmissionOutcome } from './types.js';

/** Answer a mutating-webhook AdmissionReview; malformed bodies get status 400, never a throw. */
export function admitMutate(body: unknown, set: PolicySet, deps: AdmissionDeps): AdmissionOutcome {
  const ctx = openAdmission(body, deps);
  if (isOutcome(ctx)) return ctx;
  if (!ctx.request.object) return finish(ctx.review, { allowed: true }, []);
  const evaluation = evaluate(set, ctx.request, deps.services, { stages: ['mutate'] });
  const decision = evaluation.admission!;
  if (decision.mutationFailure)
    return finish(ctx.review, { allowed: false, message: mutationError(decision.mutationFailure) }, evaluation.results);
  const warnings = decision.effects.flatMap((e) => warningsFor(e.response.policy.name, e.warnings));
  return finish(ctx.review, { allowed: true, warnings, patch: evaluation.patch }, evaluation.results);
}

function mutationError({ policy, failed }: NonNullable<AdmissionDecision['mutationFailure']>): string {
  const name = policy.name;
  // Kyverno: a MutatingPolicy reports its errors as they are (kyverno-cel-semantics §3.3).
  if (policy.family === 'cel') return `mutation policy ${name} error: ${failed.map((e) => e.message).join('; ')}`;
  const rules = failed.map((r) => `${r.rule}: ${r.message}`).join(' ');
  return `mutation policy ${name} error: failed to apply policy ${name} rules [${rules}]`;
}
