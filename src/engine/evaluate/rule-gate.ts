// Kyverno: spec §2.2 step 3 — what every rule passes before its body: match/exclude, context, preconditions, exceptions.
import type { JsonValue } from '../json.js';
import { excludeRemoves, matchSelects, type MatchSubject } from '../match/match.js';
import { evaluateConditions, joinConditionMessages } from '../conditions/conditions.js';
import { registerContextEntries, type ContextSources } from '../context/entries.js';
import type { JsonContext } from '../context/json-context.js';
import { applicableExceptions, NO_EXCEPTIONS, type ExceptionDecision } from '../exceptions/select.js';
import type { CompiledException } from '../exceptions/exception.js';
import { substituteDocument } from '../variables/substitute.js';
import type { CompiledPolicy } from '../compile/compile-policy.js';
import type { CompiledRule } from '../compile/compiled-rule.js';
import type { BaseContext } from './base-context.js';
import { matchSubjectOf } from './match-subject.js';
import type { Outcome } from './outcome.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from './request.js';

/** A rule that passed its gates: the context its body runs in and the exceptions that apply. */
export interface OpenRule {
  readonly ctx: JsonContext;
  readonly sources: ContextSources;
  readonly ruleValues: NonNullable<ReturnType<PolicyValues['rules']['get']>>;
  readonly exceptions: ExceptionDecision;
}

/** The subject the rule selects (new object, or the old one when only it exists), or undefined. */
export function selectedSubject(
  rule: CompiledRule,
  base: Pick<BaseContext, 'object' | 'oldObject' | 'operation'>,
  req: EvaluationRequest,
  env: EvaluationEnv,
): MatchSubject | undefined {
  const resource = base.object ?? base.oldObject;
  if (!resource) return undefined;
  const s = matchSubjectOf(resource, req, base.operation, env.memo);
  return ruleSelects(rule, s) ? s : undefined;
}

/** Whether the rule's match selects the subject and its exclude leaves it. */
export function ruleSelects(rule: CompiledRule, s: MatchSubject): boolean {
  return matchSelects(rule.match, s) && !excludeRemoves(rule.exclude, s);
}

/**
 * Run the gates; undefined when the rule does not apply, an Outcome when preconditions decide. `selected` is the
 * subject the caller already found the rule to select for this very request and base.
 */
export function openRule(
  cp: CompiledPolicy,
  rule: CompiledRule,
  req: EvaluationRequest,
  base: BaseContext,
  env: EvaluationEnv,
  values: PolicyValues | undefined,
  selected?: MatchSubject,
): OpenRule | Outcome | undefined {
  const subject = selected ?? selectedSubject(rule, base, req, env);
  if (!subject) return undefined;
  const sources = contextSources(cp, env);
  const ruleValues = ruleValuesOf(rule, values);
  const ctx = ruleContext(rule, base, sources, ruleValues);
  if (isOutcome(ctx)) return ctx;
  return { ctx, sources, ruleValues, exceptions: ruleExceptions(cp, rule, subject, ctx, env) };
}

// The steps of openRule, for a caller that keeps what they give in its own object (validate: the rule's scope)
// rather than in an OpenRule made for every rule of every request.

/** Where the rule's context entries read the cluster (one object per request for cluster-wide policies). */
export function contextSources(cp: CompiledPolicy, env: EvaluationEnv): ContextSources {
  const namespace = cp.policy.namespace;
  return namespace === '' && env.memo
    ? env.memo.clusterWideSources(env.cluster)
    : { cluster: env.cluster, policyNamespace: namespace };
}

/** The values a test gives the rule (none outside tests). */
export function ruleValuesOf(rule: CompiledRule, values: PolicyValues | undefined): OpenRule['ruleValues'] {
  return values?.rules.get(rule.name) ?? NO_VALUES;
}

/**
 * The rule's context (its values set, its context entries registered), or an Outcome when preconditions decide.
 * With `readOnly` (a validate rule, which never writes to its context), a rule that adds nothing to the context
 * reads the base itself rather than a fork of it: all such a rule can leave in the base is a lazily loaded name
 * (`images`) some query names, the same value for every later reader (a failed load stays pending).
 */
export function ruleContext(
  rule: CompiledRule,
  base: BaseContext,
  sources: ContextSources,
  ruleValues: OpenRule['ruleValues'],
  readOnly = false,
): JsonContext | Outcome {
  const ctx = readOnly && ruleValues.length === 0 && !hasContextEntries(rule) ? base.ctx : base.ctx.fork();
  for (let i = 0; i < ruleValues.length; i++) ctx.setPath(ruleValues[i][0], ruleValues[i][1]);
  registerContextEntries(rule.context, ctx, sources);
  return preconditionOutcome(rule, ctx) ?? ctx;
}

/** The exceptions that apply to the rule for the subject it selected, and those that have expired. */
export function ruleExceptions(
  cp: CompiledPolicy,
  rule: CompiledRule,
  subject: MatchSubject,
  ctx: JsonContext,
  env: EvaluationEnv,
): ExceptionDecision {
  const candidates = env.exceptions?.candidates(cp.policy.key, rule.name);
  return candidates?.length ? decideExceptions(candidates, subject, ctx, env) : NO_EXCEPTIONS;
}

// Apart from ruleExceptions: a closure over `ctx` there would have V8 allocate a function context on every call,
// though most rules have no candidate exception and never make the closure.
function decideExceptions(
  candidates: readonly CompiledException[],
  subject: MatchSubject,
  ctx: JsonContext,
  env: EvaluationEnv,
): ExceptionDecision {
  return applicableExceptions(candidates, subject, (v) => substituteDocument(v, ctx), env.clock.now());
}

const NO_VALUES: readonly (readonly [string, JsonValue])[] = [];

// Context entries are the rule's own names: a rule that has them needs a fork to add them to.
function hasContextEntries(rule: CompiledRule): boolean {
  return rule.context !== undefined;
}

/** True when a gate answered with an Outcome (preconditions decided) rather than an open rule or a context. */
export function isOutcome(x: OpenRule | JsonContext | Outcome): x is Outcome {
  return 'status' in x;
}

function preconditionOutcome(rule: CompiledRule, ctx: JsonContext): Outcome | undefined {
  if (!rule.preconditions) return undefined;
  try {
    const r = evaluateConditions(rule.preconditions, ctx);
    if (r.result) return undefined;
    const joined = joinConditionMessages(rule.preconditions, r.messages);
    return { status: 'skip', message: joined ? `preconditions not met; ${joined}` : 'preconditions not met' };
  } catch (e) {
    return { status: 'error', message: `failed to evaluate preconditions: ${(e as Error).message}` };
  }
}
