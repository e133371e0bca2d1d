// Kyverno: spec §2.2 — one policy against one resource: gates, then each rule in order.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { excludeRemoves, matchSelects, type MatchSubject } from '../match/match.js';
import { splitApiVersion } from '../match/kind-selector.js';
import { evaluateConditions, joinConditionMessages } from '../conditions/conditions.js';
import { registerContextEntries, type ContextSources } from '../context/entries.js';
import { substituteDocument } from '../variables/substitute.js';
import { resourceIdOf, type PolicyResponse, type RuleResult } from '../result/rule-result.js';
import type { CompiledPolicy } from '../compile/compile-policy.js';
import type { CompiledRule } from '../compile/compiled-rule.js';
import { buildBaseContext, type BaseContext } from './base-context.js';
import type { Outcome } from './outcome.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from './request.js';
import { effectiveAction } from './validate/failure-action.js';
import { runBody } from './validate/run-body.js';

/** Evaluate the validate rules of a compiled policy against one request. */
export function evaluateValidation(cp: CompiledPolicy, req: EvaluationRequest, env: EvaluationEnv, values?: PolicyValues): PolicyResponse {
  const base = buildBaseContext(req, env, values);
  const resource = base.object ?? base.oldObject ?? {};
  const response: PolicyResponse = { policy: cp.policy.key, policyName: cp.policy.name, resource: resourceIdOf(resource), rules: [] };
  if (cp.diagnostics.length > 0 || !namespaceGate(cp, resource)) return response;
  const applyOne = cp.policy.spec.applyRules === 'One';
  for (const rule of cp.rulesForKind(String(resource.kind ?? ''))) {
    if (rule.type !== 'validate' || !rule.validate || rule.unsupported) continue;
    const outcome = evaluateValidateRule(cp, rule, req, base, env, values);
    if (!outcome) continue;
    response.rules.push(toResult(cp, rule, resource, outcome, req));
    if (applyOne && (outcome.status === 'pass' || outcome.status === 'fail')) break;
  }
  return response;
}

function toResult(cp: CompiledPolicy, rule: CompiledRule, resource: JsonObject, o: Outcome, req: EvaluationRequest): RuleResult {
  const ns = namespaceOfResource(resource);
  const action = effectiveAction(rule.validate ?? {}, cp.policy.spec as never, ns, req.namespaceLabels ?? {});
  return { policy: cp.policy.key, rule: rule.name, ruleType: 'validate', resource: resourceIdOf(resource), status: o.status, message: o.message, path: o.path, action };
}

// Kyverno: a namespaced Policy only sees namespaced resources of its own namespace (spec §1.1).
function namespaceGate(cp: CompiledPolicy, resource: JsonObject): boolean {
  if (cp.policy.kind !== 'Policy') return true;
  return namespaceOfResource(resource) === cp.policy.namespace && resource.kind !== 'Namespace';
}

function namespaceOfResource(resource: JsonObject): string {
  const md = isObject(resource.metadata) ? resource.metadata : {};
  if (resource.kind === 'Namespace') return String(md.name ?? '');
  return typeof md.namespace === 'string' ? md.namespace : '';
}

/** The subject match/exclude look at. */
export function matchSubjectOf(resource: JsonObject, req: EvaluationRequest, operation: string | undefined): MatchSubject {
  const { group, version } = splitApiVersion(String(resource.apiVersion ?? ''));
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const name = typeof md.name === 'string' && md.name ? md.name : String(md.generateName ?? '');
  return {
    resource,
    kind: { group, version, kind: String(resource.kind ?? ''), subresource: req.subresource ?? '' },
    name,
    namespace: namespaceOfResource(resource),
    operation: operation ?? 'CREATE',
    namespaceLabels: req.namespaceLabels ?? {},
    user: req.user,
  };
}

function selects(rule: CompiledRule, base: BaseContext, req: EvaluationRequest): boolean {
  const tryOne = (obj: JsonObject | null) => {
    if (!obj) return false;
    const s = matchSubjectOf(obj, req, base.operation);
    return matchSelects(rule.match, s) && !excludeRemoves(rule.exclude, s);
  };
  return tryOne(base.object) || (!base.object && tryOne(base.oldObject));
}

function evaluateValidateRule(
  cp: CompiledPolicy,
  rule: CompiledRule,
  req: EvaluationRequest,
  base: BaseContext,
  env: EvaluationEnv,
  values: PolicyValues | undefined,
  existing = false,
): Outcome | undefined {
  if (!selects(rule, base, req)) return undefined;
  const sources: ContextSources = { cluster: env.cluster, policyNamespace: cp.policy.namespace };
  const ruleValues = values?.rules.get(rule.name) ?? [];
  const ctx = base.ctx.fork();
  for (const [k, v] of ruleValues) ctx.setPath(k, v);
  registerContextEntries(rule.context, ctx, sources);
  const pre = preconditionOutcome(rule, ctx);
  if (pre) return pre;
  const v = rule.validate!;
  const scope = { rule: rule.name, message: v.message, ctx, sources, ruleValues, resource: (base.object ?? base.oldObject) as JsonValue, basePath: [], isDelete: base.operation === 'DELETE' };
  const outcome = runBody(v.body, scope, 0);
  if (!existing && outcome?.status === 'fail' && existingViolationAllowed(cp, rule, base)) {
    const old = evaluateValidateRule(cp, rule, { ...req, operation: 'CREATE', object: base.oldObject, oldObject: undefined }, buildBaseContext({ ...req, operation: 'CREATE', object: base.oldObject, oldObject: undefined, user: undefined }, env), env, undefined, true);
    if (old?.status === 'fail') return { status: 'skip', message: 'skipping the rule evaluation as pre-existing violations are allowed' };
  }
  return outcome;
}

// Kyverno: spec §4.9 — Enforce + allowExistingViolations on UPDATE re-checks the old object.
function existingViolationAllowed(cp: CompiledPolicy, rule: CompiledRule, base: BaseContext): boolean {
  const v = rule.validate!;
  const action = v.failureAction ?? cp.policy.spec.validationFailureAction;
  const enforce = action === 'Enforce' || action === 'enforce';
  return enforce && v.allowExistingViolations && base.oldObject !== null && (base.operation === 'UPDATE' || base.object !== null);
}

function preconditionOutcome(rule: CompiledRule, ctx: BaseContext['ctx']): Outcome | undefined {
  if (!rule.preconditions) return undefined;
  try {
    const r = evaluateConditions(rule.preconditions, (v) => substituteDocument(v, ctx));
    if (r.result) return undefined;
    const joined = joinConditionMessages(rule.preconditions, r.messages);
    return { status: 'skip', message: joined ? `preconditions not met; ${joined}` : 'preconditions not met' };
  } catch (e) {
    return { status: 'error', message: `failed to evaluate preconditions: ${(e as Error).message}` };
  }
}
