// Kyverno: kyverno-cel-semantics §2.7 — the rule responses of a ValidatingPolicy (statuses, rule names, messages,
// properties). `policies.kyverno.io/scored: "false"` is applied by the caller.
import type { ResourceId, RuleResult, RuleStatus } from '../../result/rule-result.js';
import type { CompiledValidatingPolicy } from './types.js';

/** The policy and resource a rule response is about. */
export interface ResultSubject {
  readonly policy: CompiledValidatingPolicy;
  readonly resource: ResourceId;
}

/** Builds one rule response. */
export function ruleResult(
  s: ResultSubject,
  status: RuleStatus,
  rule: string,
  message: string,
  properties?: Readonly<Record<string, string>>,
): RuleResult {
  const policy = s.policy.namespace ? `${s.policy.namespace}/${s.policy.name}` : s.policy.name;
  return {
    policy,
    rule,
    ruleType: 'validate',
    resource: s.resource,
    status,
    message,
    ...(properties && Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/** A matcher error (invalid selector). */
export function matchErrorResult(s: ResultSubject, error: string): RuleResult {
  return ruleResult(s, 'error', 'match', `failed to execute matching: ${error}`);
}

/** matchConditions error with failurePolicy Fail, exception condition error, or audit annotation error. */
export function evaluationErrorResult(s: ResultSubject, error: string): RuleResult {
  return ruleResult(s, 'error', 'evaluation', `failed to load context: ${error}`);
}

/** matchConditions false (or erroring with failurePolicy Ignore). */
export function skipResult(s: ResultSubject): RuleResult {
  return ruleResult(s, 'skip', '', 'skip');
}

/** Full exemption by CEL PolicyExceptions (§2.8). */
export function exceptionResult(s: ResultSubject, names: readonly string[], reportResult: 'skip' | 'pass'): RuleResult {
  const verb = reportResult === 'pass' ? 'passed' : 'skipped';
  const message = `rule is ${verb} due to policy exception: ${names.join(', ')}`;
  return { ...ruleResult(s, reportResult, 'exception', message, { exceptions: names.join(',') }), exceptions: names };
}

/** Validation `index` erred or was not a bool. */
export function validationErrorResult(s: ResultSubject, index: number, error: string): RuleResult {
  return ruleResult(s, 'error', '', `error: ${error}`, { 'cel.validationIndex': String(index) });
}

/** Validation `index` was false. */
export function validationFailResult(
  s: ResultSubject,
  index: number,
  message: string,
  annotations: Readonly<Record<string, string>>,
): RuleResult {
  return ruleResult(s, 'fail', '', message, { ...annotations, 'cel.validationIndex': String(index) });
}

/** Every validation was true. */
export function passResult(s: ResultSubject, annotations: Readonly<Record<string, string>>): RuleResult {
  return ruleResult(s, 'pass', '', 'success', annotations);
}
