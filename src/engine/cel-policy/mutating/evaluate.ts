// Kyverno: kyverno-cel-semantics §3.3 — evaluating a MutatingPolicy (and its autogen variants) for one request.
//
// API: evaluateMutatingPolicy(policy, req, exceptions, options?) → CelPolicyResponse[] (source variant first; each
// variant sees the previous variant's output). Never throws: problems become `error` rule responses.
import type { JsonObject } from '../../json.js';
import { toCelValue } from '../../cel/values.js';
import { evaluateCel } from '../../cel/evaluate.js';
import { resourceIdOf, type RuleResult } from '../../result/rule-result.js';
import { celActivation } from '../activation.js';
import { applyCelExceptions, type CompiledCelException } from '../cel-exception.js';
import { evaluateMatchConditions } from '../conditions.js';
import { admissionFacts, matchConstraints } from '../match-constraints.js';
import type { CelPolicyResponse, CelRequest } from '../types.js';
import { bindVariables } from '../variables.js';
import type { ApplySchemaSource } from './apply-configuration.js';
import { evaluateAuditAnnotations } from './audit-annotations.js';
import { applyMutation } from './mutate-object.js';
import {
  celRuleResult,
  evaluationErrorResult,
  exemptionResult,
  matchErrorResult,
  type ResultContext,
} from './rule-results.js';
import type { CompiledMutatingPolicy, CompiledMutatingVariant } from './types.js';

/** Evaluation settings outside the request. */
export interface MutatingEvaluationOptions {
  /** Schemas for ApplyConfiguration merges (default: the built-in Kubernetes table). */
  readonly schemaFor?: ApplySchemaSource;
}

/** Evaluates every variant of `policy` for `req`; responses carry `patched` (the object after the variant). */
export function evaluateMutatingPolicy(
  policy: CompiledMutatingPolicy,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
  options: MutatingEvaluationOptions = {},
): CelPolicyResponse[] {
  if (policy.diagnostics.length > 0) return [];
  const responses: CelPolicyResponse[] = [];
  let current = req;
  for (const variant of policy.variants) {
    const response = evaluateVariant(policy, variant, current, exceptions, options);
    if (!response) continue;
    responses.push(response);
    if (response.patched && response.patched !== current.object) current = { ...current, object: response.patched };
  }
  return responses;
}

function evaluateVariant(
  policy: CompiledMutatingPolicy,
  variant: CompiledMutatingVariant,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
  options: MutatingEvaluationOptions,
): CelPolicyResponse | undefined {
  if (!variant.matchConstraints) return undefined;
  const ctx: ResultContext = { policy, ruleType: 'mutate', resource: req.object ?? req.oldObject };
  const respond = (rules: RuleResult[], patched = req.object ?? undefined): CelPolicyResponse => ({
    policy: policy.name,
    kind: policy.kind,
    resource: resourceIdOf(ctx.resource),
    rules,
    ...(patched ? { patched } : {}),
  });
  const match = matchConstraints(variant.matchConstraints, admissionFacts(req));
  if (match.error !== undefined) return respond([matchErrorResult(ctx, 'match', match.error)]);
  // Kyverno: §6.4 — a non-match is dropped for simple constraints, kept as an empty response otherwise.
  if (!match.matched) return variant.matchConstraints.simple ? undefined : respond([]);
  const outcome = mutate(policy, variant, req, exceptions, options, ctx);
  return respond([outcome.rule], outcome.patched);
}

interface MutateOutcome {
  readonly rule: RuleResult;
  readonly patched?: JsonObject;
}

function mutate(
  policy: CompiledMutatingPolicy,
  variant: CompiledMutatingVariant,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
  options: MutatingEvaluationOptions,
  ctx: ResultContext,
): MutateOutcome {
  const fail = (error: string): MutateOutcome => ({ rule: evaluationErrorResult(ctx, 'evaluation', error) });
  const base = celActivation(req, { policyNamespace: policy.namespace });
  // Kyverno: §3.3 — exception and condition errors are errors whatever the failurePolicy.
  const ex = applyCelExceptions(exceptions, policy, base, 'Fail');
  if (ex.kind === 'exempt') return { rule: exemptionResult(ctx, ex.names, ex.reportResult) };
  if (ex.kind === 'error') return fail(ex.error);
  const activation = bindVariables(
    variant.variables,
    celActivation(req, { policyNamespace: policy.namespace, exceptions: ex.variable }),
  );
  const conditions = evaluateMatchConditions(variant.matchConditions, activation);
  if (conditions.error !== undefined) return fail(conditions.error);
  if (!conditions.matched) return { rule: celRuleResult(ctx, '', 'skip', 'skip') };
  let object: JsonObject = req.object ?? {};
  for (const [i, mutation] of variant.mutations.entries()) {
    // Kyverno: §3.3 step 6 — `object` is rebound to the previous mutation's output (whole numbers are ints again).
    if (i > 0) activation.object = toCelValue(object);
    const r = evaluateCel(mutation.program, activation);
    if (!r.ok) return fail(r.error);
    try {
      object = applyMutation(object, mutation, r.value, { useServerSideApply: policy.useServerSideApply, ...options });
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  }
  if (variant.mutations.length > 0) activation.object = toCelValue(object);
  const audit = evaluateAuditAnnotations(variant.auditAnnotations, activation);
  if (!audit.ok) return fail(audit.error);
  // Kyverno: §3.3 quirk — a matched, error-free policy passes even when nothing changed.
  const rule = celRuleResult(ctx, '', 'pass', 'success', { properties: audit.properties });
  return { rule, patched: req.object ? object : undefined };
}
