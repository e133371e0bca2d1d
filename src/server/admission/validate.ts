// Kyverno: spec §13.2 step 2–3 — the validating webhook: Enforce policies may block, Audit ones warn; then generate.
import { evaluateValidation } from '../../engine/evaluate/evaluate-policy.js';
import { evaluateGeneration } from '../../engine/evaluate/generate/evaluate-generation.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import type { PolicyResponse, RuleResult } from '../../engine/result/rule-result.js';
import {
  admissionPolicies,
  admittedResource,
  finish,
  isOutcome,
  openAdmission,
  type AdmissionContext,
} from './admission-context.js';
import { blockedMessage, warningsFor } from './messages.js';
import { emitsWarnings, failurePolicyOf, isEnforcePolicy } from './policy-traits.js';
import type { Verdict } from './response.js';
import { validateWithCelPolicies, type CelValidation } from './cel-validate.js';
import { generateWithCelPolicies } from './cel-generate.js';
import type { AdmissionDeps, AdmissionOutcome, AdmissionPlan, GeneratedDownstream } from './types.js';

interface Evaluated {
  readonly cp: CompiledPolicy;
  readonly response: PolicyResponse;
  readonly enforce: boolean;
}

/** Answer a validating-webhook AdmissionReview; malformed bodies get status 400, never a throw. */
export function admitValidate(body: unknown, plan: AdmissionPlan, deps: AdmissionDeps): AdmissionOutcome {
  const ctx = openAdmission(body, deps);
  if (isOutcome(ctx)) return ctx;
  const resource = admittedResource(ctx);
  const evaluated: Evaluated[] = [];
  const skipped: CompiledPolicy[] = [];
  for (const cp of admissionPolicies(plan, 'validate', resource)) {
    if (deps.deadline?.expired()) skipped.push(cp);
    else {
      const response = evaluateValidation(cp, ctx.req, deps.env);
      evaluated.push({ cp, response, enforce: isEnforcePolicy(cp, response.rules) });
    }
  }
  const cel = validateWithCelPolicies(ctx.review, plan, deps);
  const classic = validationVerdict(ctx, evaluated);
  const verdict = withTimeout(ctx, withCel(classic, cel), skipped, deps.deadline?.budgetMs ?? 0);
  const results: RuleResult[] = [...evaluated.flatMap((e) => e.response.rules), ...cel.results];
  const generated: GeneratedDownstream[] = [];
  if (verdict.allowed && generates(ctx) && !deps.deadline?.expired()) {
    for (const cp of admissionPolicies(plan, 'generate', resource)) {
      const g = evaluateGeneration(cp, ctx.req, deps.env);
      results.push(...g.response.rules);
      for (const [rule, resources] of g.generated)
        for (const r of resources)
          if (r.action !== 'none') generated.push({ policy: cp.policy.key, rule, resource: r.resource });
    }
    const cel = generateWithCelPolicies(ctx.review, plan, deps);
    results.push(...cel.results);
    generated.push(...cel.generated);
  }
  return finish(ctx.review, verdict, results, generated);
}

// ValidatingPolicy denials follow the classic message, one line each.
function withCel(verdict: Verdict, cel: CelValidation): Verdict {
  const warnings = [...(verdict.warnings ?? []), ...cel.warnings];
  if (cel.denials.length === 0) return { ...verdict, warnings };
  const lines = cel.denials.join('\n');
  return { allowed: false, message: verdict.allowed ? lines : `${verdict.message}\n${lines}`, warnings };
}

// Policies the budget did not reach: like a webhook timeout (spec §13.5), a `Fail` policy that may enforce blocks the
// request and the others are let through with a warning, so an overloaded webhook degrades the way its policies ask.
function withTimeout(ctx: AdmissionContext, verdict: Verdict, skipped: readonly CompiledPolicy[], budgetMs: number) {
  if (skipped.length === 0) return verdict;
  const names = skipped.map((cp) => cp.policy.name).join(', ');
  const blocking = skipped.filter((cp) => failurePolicyOf(cp) === 'Fail' && isEnforcePolicy(cp, []));
  const note = `policies not evaluated within the ${budgetMs} ms evaluation budget: ${names}`;
  if (blocking.length === 0) return { ...verdict, warnings: [...(verdict.warnings ?? []), `tollgate: ${note}`] };
  const { kind, namespace, name } = ctx.resource;
  const message = `resource ${kind}/${namespace}/${name} was not admitted: ${note} (failurePolicy Fail)`;
  return { ...verdict, allowed: false, message: verdict.allowed ? message : `${verdict.message}\n${message}` };
}

// Kyverno: generate rules run only for CREATE/UPDATE, and a dryRun request must have no side effects.
function generates(ctx: AdmissionContext): boolean {
  const op = ctx.review.operation;
  return !ctx.review.dryRun && (op === 'CREATE' || op === 'UPDATE');
}

function validationVerdict(ctx: AdmissionContext, evaluated: readonly Evaluated[]): Verdict {
  const enforced = evaluated.filter((e) => e.enforce);
  const blocked = enforced.some(
    (e) =>
      e.response.rules.some((r) => r.status === 'fail' && r.action === 'Enforce') ||
      // Kyverno: policies are grouped into webhooks by failure policy, so an error blocks only under Fail (§13.5).
      (failurePolicyOf(e.cp) === 'Fail' && e.response.rules.some((r) => r.status === 'error')),
  );
  const warnings = evaluated
    .filter((e) => !e.enforce && emitsWarnings(e.cp))
    .flatMap((e) =>
      warningsFor(
        e.cp.policy.name,
        e.response.rules.filter((r) => r.status === 'fail' || r.status === 'error'),
      ),
    );
  if (!blocked) return { allowed: true, warnings };
  const named = enforced.map((e) => ({ policyName: e.cp.policy.name, rules: e.response.rules }));
  return { allowed: false, message: blockedMessage(ctx.resource, named), warnings };
}
