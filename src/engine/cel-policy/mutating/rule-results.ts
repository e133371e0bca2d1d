// Kyverno: kyverno-cel-semantics §3.3 and §4.3 result tables — the rule responses of Mutating and Generating
// policies (shared by both folders; could move next to the ValidatingPolicy ones).
import type { JsonObject } from '../../json.js';
import { resourceIdOf, type RuleResult, type RuleStatus, type RuleType } from '../../result/rule-result.js';
import type { CompiledCelPolicyBase } from '../types.js';

/** Who a rule response belongs to. */
export interface ResultContext {
  readonly policy: CompiledCelPolicyBase;
  readonly ruleType: RuleType;
  /** The trigger resource (object, or oldObject on DELETE). */
  readonly resource: JsonObject | null;
}

/** A rule response; `properties` only when non-empty. */
export function celRuleResult(
  ctx: ResultContext,
  rule: string,
  status: RuleStatus,
  message: string,
  extra: { properties?: Record<string, string>; exceptions?: readonly string[] } = {},
): RuleResult {
  const { policy } = ctx;
  const props = extra.properties && Object.keys(extra.properties).length > 0 ? { properties: extra.properties } : {};
  return {
    policy: policy.namespace ? `${policy.namespace}/${policy.name}` : policy.name,
    rule,
    ruleType: ctx.ruleType,
    resource: resourceIdOf(ctx.resource),
    status,
    message,
    ...props,
    ...(extra.exceptions ? { exceptions: extra.exceptions } : {}),
  };
}

/** Kyverno: §2.7 — a full exemption by CEL PolicyExceptions (rule `exception`). */
export function exemptionResult(
  ctx: ResultContext,
  names: readonly string[],
  reportResult: 'skip' | 'pass',
): RuleResult {
  const verb = reportResult === 'pass' ? 'passed' : 'skipped';
  return celRuleResult(ctx, 'exception', reportResult, `rule is ${verb} due to policy exception: ${names.join(', ')}`, {
    properties: { exceptions: names.join(',') },
    exceptions: names,
  });
}

/** Kyverno: §3.3/§4.3 — a matcher error (bad selector). */
export function matchErrorResult(ctx: ResultContext, rule: string, error: string): RuleResult {
  return celRuleResult(ctx, rule, 'error', `failed to execute matching: ${error}`);
}

/** Kyverno: §3.3/§4.3 — any evaluation error. */
export function evaluationErrorResult(ctx: ResultContext, rule: string, error: string): RuleResult {
  return celRuleResult(ctx, rule, 'error', `failed to evaluate policy: ${error}`);
}
