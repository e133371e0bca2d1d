// Kyverno: spec §13.2 step 2–3 — the validating webhook: the engine decides, this renders Kyverno's denial message
// and warnings; generated objects are handed back for creation after the response.
import {
  evaluate,
  type AdmissionDecision,
  type AdmissionEffect,
  type PolicySet,
  type ResourceId,
} from '../../engine/index.js';
import { finish, isOutcome, openAdmission } from './admission-context.js';
import { blockedMessage, warningsFor } from './messages.js';
import type { Verdict } from './response.js';
import type { AdmissionDeps, AdmissionOutcome } from './types.js';

/** Answer a validating-webhook AdmissionReview; malformed bodies get status 400, never a throw. */
export function admitValidate(body: unknown, set: PolicySet, deps: AdmissionDeps): AdmissionOutcome {
  const ctx = openAdmission(body, deps);
  if (isOutcome(ctx)) return ctx;
  const evaluation = evaluate(set, ctx.request, deps.services, {
    stages: ['validate', 'generate'],
    deadline: deps.deadline,
  });
  const verdict = validationVerdict(ctx.resource, evaluation.admission!, deps.deadline?.budgetMs ?? 0);
  return finish(ctx.review, verdict, evaluation.results, evaluation.generated);
}

// The denial lists the classic Enforce policies' failures (§13.3), then one line per denying ValidatingPolicy
// result, then the policies the evaluation budget did not reach.
function validationVerdict(resource: ResourceId, decision: AdmissionDecision, budgetMs: number): Verdict {
  const warnings: string[] = [];
  for (const e of decision.effects)
    if (e.warnings.length > 0)
      warnings.push(
        ...(isClassic(e) ? warningsFor(e.response.policy.name, e.warnings) : e.warnings.map((r) => celLine(e, r))),
      );
  const { unevaluated } = decision;
  // Like a webhook timeout (spec §13.5): a `Fail` policy that may enforce blocks, the others warn.
  const note = () =>
    `policies not evaluated within the ${budgetMs} ms evaluation budget: ${unevaluated.map((u) => u.policy.name).join(', ')}`;
  if (unevaluated.length > 0 && !unevaluated.some((u) => u.blocks)) warnings.push(`tollgate: ${note()}`);
  if (decision.allowed) return { allowed: true, warnings };
  const classic = decision.effects.filter(isClassic);
  const messages: string[] = [];
  if (classic.some((e) => e.blocks))
    messages.push(
      blockedMessage(
        resource,
        classic.filter((e) => e.enforced).map((e) => ({ policyName: e.response.policy.name, rules: e.response.rules })),
      ),
    );
  for (const e of decision.effects) if (!isClassic(e)) messages.push(...e.denials.map((r) => celLine(e, r)));
  if (unevaluated.some((u) => u.blocks))
    messages.push(
      `resource ${resource.kind}/${resource.namespace}/${resource.name} was not admitted: ${note()} (failurePolicy Fail)`,
    );
  return { allowed: false, message: messages.join('\n'), warnings };
}

const isClassic = (e: AdmissionEffect) => e.response.policy.family === 'classic';

// Kyverno: ValidatingPolicy results are reported one line each (kyverno-cel-semantics §2.2).
function celLine(e: AdmissionEffect, r: AdmissionEffect['denials'][number]): string {
  return `Policy ${e.response.policy.name} ${r.status === 'error' ? 'error' : 'failed'}: ${r.message}`;
}
