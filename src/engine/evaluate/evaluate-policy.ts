// Kyverno: spec §2.2 — one policy's validate rules against one resource: gates, then each rule in order.
import type { JsonObject, JsonValue } from '../json.js';
import {
  resourceIdOf,
  type PolicyResponse,
  type ResourceId,
  type RuleResult,
  type RuleType,
} from '../result/rule-result.js';
import { exceptionSkipMessage, expiredNote } from '../exceptions/select.js';
import type { CompiledPolicy } from '../compile/compile-policy.js';
import type { CompiledException } from '../exceptions/exception.js';
import type { CompiledRule } from '../compile/compiled-rule.js';
import { buildBaseContext, type BaseContext } from './base-context.js';
import { matchSubjectOf, namespaceOfResource } from './match-subject.js';
import type { Outcome } from './outcome.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from './request.js';
import type { RequestMemo } from './request-memo.js';
import type { MatchSubject } from '../match/match.js';
import {
  contextSources,
  isOutcome,
  ruleContext,
  ruleExceptions,
  ruleSelects,
  ruleValuesOf,
  selectedSubject,
} from './rule-gate.js';
import { effectiveAction } from './validate/failure-action.js';
import { runBody } from './validate/run-body.js';
import { RuleScope } from './validate/scope.js';

/**
 * The results of a compiled policy's validate rules for one request. Results, not a PolicyResponse: each result
 * names its policy and resource, and the caller (the kind handler) wraps them in its own response.
 */
export function evaluateValidation(
  cp: CompiledPolicy,
  req: EvaluationRequest,
  env: EvaluationEnv,
  values?: PolicyValues,
): RuleResult[] {
  // Without test values the context's request is the request as it is, so match/exclude are decided before any
  // context is built: of the many policies for a kind, most never select the resource and cost no context at all.
  const subject = values ? undefined : requestSubject(req, env.memo);
  let base = values ? buildBaseContext(req, env, values) : undefined;
  const resource = (base ? (base.object ?? base.oldObject) : (req.object ?? req.oldObject)) ?? {};
  if (!policyApplies(cp, resource)) return [];
  const id = memoizedResourceId(resource, env.memo);
  const applyOne = cp.policy.spec.applyRules === 'One';
  let namespace: string | undefined;
  // Most policies give one result: a list made on the first one fits it, where pushing to [] reserves seventeen.
  let rules: RuleResult[] | undefined;
  for (const rule of cp.rulesForKind(String(resource.kind ?? ''))) {
    if (rule.type !== 'validate' || !rule.validate || rule.unsupported) continue;
    if (subject && !ruleSelects(rule, subject)) continue;
    base ??= buildBaseContext(req, env, values);
    const outcome = evaluateValidateRule(cp, rule, req, base, env, values, false, subject);
    if (!outcome) continue;
    namespace ??= namespaceOfResource(resource);
    const action = effectiveAction(rule.validate, cp.actions, namespace, req.namespaceLabels ?? NO_LABELS);
    const result = ruleResult(cp, rule, 'validate', id, outcome, action);
    if (rules) rules.push(result);
    else rules = [result];
    if (applyOne && (outcome.status === 'pass' || outcome.status === 'fail')) break;
  }
  return rules ?? [];
}

// Shared empty values, not one per result or rule: a request without namespace labels, a rule without podSecurity
// exceptions.
const NO_LABELS: Readonly<Record<string, string>> = {};
const NO_EXCEPTION_LIST: readonly CompiledException[] = [];

// What match/exclude see of a request without values: its object (else the old one) under the operation the
// context will hold (buildBaseContext: the request's, else its admission document's). Undefined: no object.
function requestSubject(req: EvaluationRequest, memo: RequestMemo | undefined): MatchSubject | undefined {
  const resource = req.object ?? req.oldObject;
  if (!resource) return undefined;
  const admitted = req.admission?.operation;
  const operation = req.operation ?? (typeof admitted === 'string' ? admitted : undefined);
  return matchSubjectOf(resource, req, operation, memo);
}

function memoizedResourceId(resource: JsonObject, memo: RequestMemo | undefined): ResourceId {
  let id = memo?.resourceIds.get(resource);
  if (!id) {
    id = resourceIdOf(resource);
    memo?.resourceIds.set(resource, id);
  }
  return id;
}

/** A response with no rule results yet. */
export function emptyResponse(cp: CompiledPolicy, resource: JsonObject): PolicyResponse {
  return responseOf(cp, resourceIdOf(resource), []);
}

function responseOf(cp: CompiledPolicy, resource: ResourceId, rules: RuleResult[]): PolicyResponse {
  return { policy: cp.policy.key, policyName: cp.policy.name, resource, rules };
}

/** Stamp an outcome with policy, rule and resource. */
export function toResult(
  cp: CompiledPolicy,
  rule: CompiledRule,
  ruleType: RuleType,
  resource: JsonObject,
  o: Outcome,
  action?: RuleResult['action'],
): RuleResult {
  return ruleResult(cp, rule, ruleType, resourceIdOf(resource), o, action);
}

/** Stamp an outcome with policy, rule and an already identified resource (results of one response share it). */
function ruleResult(
  cp: CompiledPolicy,
  rule: CompiledRule,
  ruleType: RuleType,
  resource: ResourceId,
  o: Outcome,
  action?: RuleResult['action'],
): RuleResult {
  return {
    policy: cp.policy.key,
    rule: rule.name,
    ruleType,
    resource,
    status: o.status,
    message: o.message,
    path: o.path,
    action,
    exceptions: o.exceptions,
  };
}

/** Invalid policies never run; a namespaced Policy only sees its own namespace (spec §1.1). */
export function policyApplies(cp: CompiledPolicy, resource: JsonObject): boolean {
  if (cp.diagnostics.length > 0) return false;
  if (cp.policy.kind !== 'Policy') return true;
  return namespaceOfResource(resource) === cp.policy.namespace && resource.kind !== 'Namespace';
}

function evaluateValidateRule(
  cp: CompiledPolicy,
  rule: CompiledRule,
  req: EvaluationRequest,
  base: BaseContext,
  env: EvaluationEnv,
  values: PolicyValues | undefined,
  existing = false,
  subject?: MatchSubject,
): Outcome | undefined {
  // openRule's gates, kept in the rule's scope rather than in an open rule: this runs for every rule of every request.
  const selected = subject ?? selectedSubject(rule, base, req, env);
  if (!selected) return undefined;
  const sources = contextSources(cp, env);
  const ruleValues = ruleValuesOf(rule, values);
  const ctx = ruleContext(rule, base, sources, ruleValues, true);
  if (isOutcome(ctx)) return ctx;
  const v = rule.validate!;
  const { applied, expired } = ruleExceptions(cp, rule, selected, ctx, env);
  const isPodSecurity = v.body.kind === 'podSecurity';
  const skipping = isPodSecurity && applied.length > 0 ? applied.filter((e) => !e.podSecurity?.length) : applied;
  if (skipping.length > 0)
    return { status: 'skip', message: exceptionSkipMessage(skipping), exceptions: skipping.map((e) => e.key) };
  const scope = env.memo?.ruleScope() ?? new RuleScope();
  scope.rule = rule.name;
  scope.message = v.message;
  scope.ctx = ctx;
  scope.sources = sources;
  scope.ruleValues = ruleValues;
  scope.resource = (base.object ?? base.oldObject) as JsonValue;
  scope.isDelete = base.operation === 'DELETE';
  scope.podSecurityExceptions = isPodSecurity ? applied : NO_EXCEPTION_LIST;
  scope.celNumbers = env.celNumbers ?? 'int';
  scope.memo = env.memo;
  let outcome = runBody(v.body, scope, 0);
  if (outcome && expired.length > 0) outcome = { ...outcome, message: `${outcome.message} (${expiredNote(expired)})` };
  if (!existing && outcome?.status === 'fail' && existingViolationAllowed(cp, rule, base)) {
    const oldReq: EvaluationRequest = {
      ...req,
      operation: 'CREATE',
      object: base.oldObject,
      oldObject: undefined,
      user: undefined,
    };
    const old = evaluateValidateRule(cp, rule, oldReq, buildBaseContext(oldReq, env), env, undefined, true);
    if (old?.status === 'fail')
      return { status: 'skip', message: 'skipping the rule evaluation as pre-existing violations are allowed' };
  }
  return outcome;
}

// Kyverno: spec §4.9 — Enforce + allowExistingViolations on UPDATE re-checks the old object.
function existingViolationAllowed(cp: CompiledPolicy, rule: CompiledRule, base: BaseContext): boolean {
  const v = rule.validate!;
  const action = v.failureAction ?? cp.policy.spec.validationFailureAction;
  const enforce = action === 'Enforce' || action === 'enforce';
  return (
    enforce &&
    v.allowExistingViolations &&
    base.oldObject !== null &&
    (base.operation === 'UPDATE' || base.object !== null)
  );
}
