// Kyverno: kyverno-cel-semantics §2.4, §2.10, §6.4 — evaluating a ValidatingPolicy (and its autogen variants)
// for one request: one CelPolicyResponse per variant that is not dropped.
import { resourceIdOf, type RuleResult } from '../../result/rule-result.js';
import type { CelPolicyResponse, CelRequest } from '../types.js';
import { admissionFacts, matchConstraints } from '../match-constraints.js';
import { celActivation, jsonModeActivation } from '../activation.js';
import { applyCelExceptions, type CompiledCelException } from '../cel-exception.js';
import { evaluateMatchConditions } from '../conditions.js';
import { bindVariables } from '../variables.js';
import type { CompiledValidatingPolicy, CompiledValidatingVariant } from './types.js';
import { evaluationErrorResult, exceptionResult, matchErrorResult, skipResult, type ResultSubject } from './results.js';
import { runValidations } from './validations.js';

/** A variant's outcome: a rule response, an empty response, or nothing (dropped). */
type VariantOutcome = RuleResult | 'empty' | 'dropped';

/**
 * Evaluates `policy` for one request: the source policy first, then its autogen variants; variants whose simple
 * matchConstraints do not match are dropped, other non-matches give an empty response (§6.4). Never throws;
 * a policy with diagnostics gives no responses.
 */
export function evaluateValidatingPolicy(
  policy: CompiledValidatingPolicy,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
): CelPolicyResponse[] {
  if (policy.diagnostics.length > 0) return [];
  const resource = resourceIdOf(req.object ?? req.oldObject);
  const subject: ResultSubject = { policy, resource };
  const responses: CelPolicyResponse[] = [];
  for (const variant of policy.variants) {
    const outcome = evaluateVariant(subject, variant, req, exceptions);
    if (outcome === 'dropped') continue;
    const rules = outcome === 'empty' ? [] : [outcome];
    responses.push({ policy: policy.name, kind: policy.kind, resource, rules });
  }
  return responses;
}

function evaluateVariant(
  s: ResultSubject,
  variant: CompiledValidatingVariant,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
): VariantOutcome {
  if (s.policy.mode === 'JSON') return evaluateMatched(s, variant, req, exceptions);
  const mc = variant.matchConstraints;
  if (!mc) return 'empty';
  const match = matchConstraints(mc, admissionFacts(req));
  if (match.error !== undefined) return matchErrorResult(s, match.error);
  if (!match.matched) return mc.simple ? 'dropped' : 'empty';
  return evaluateMatched(s, variant, req, exceptions);
}

// Steps 2–7 of §2.4.
function evaluateMatched(
  s: ResultSubject,
  variant: CompiledValidatingVariant,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
): RuleResult {
  const { policy } = s;
  const build = policy.mode === 'JSON' ? jsonModeActivation : celActivation;
  const base = build(req, { policyNamespace: policy.namespace });
  const polex = applyCelExceptions(exceptions, policy, base, policy.failurePolicy);
  if (polex.kind === 'exempt') return exceptionResult(s, polex.names, polex.reportResult);
  if (polex.kind === 'error') return evaluationErrorResult(s, polex.error);
  const activation = build(req, { policyNamespace: policy.namespace, exceptions: polex.variable });
  const conditions = evaluateMatchConditions(variant.matchConditions, activation);
  if (conditions.error !== undefined && policy.failurePolicy === 'Fail') {
    return evaluationErrorResult(s, conditions.error);
  }
  if (!conditions.matched) return skipResult(s);
  return runValidations(s, variant, bindVariables(variant.variables, activation));
}
