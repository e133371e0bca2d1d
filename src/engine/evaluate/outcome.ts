import type { JsonPath } from '../result/location.js';
import type { RuleStatus } from '../result/rule-result.js';

/** The result of evaluating a rule body before it is stamped with policy, rule and resource. */
export interface Outcome {
  readonly status: RuleStatus;
  readonly message: string;
  readonly path?: JsonPath;
  /** Keys of the PolicyExceptions that caused a skip. */
  readonly exceptions?: readonly string[];
}

/** Kyverno: a failure message gets a trailing period unless it already has one (spec §4.2). */
export function withPeriod(message: string): string {
  return message.endsWith('.') ? message : `${message}.`;
}

/** Kyverno's `validation error: <M'> ` prefix, or just `validation error: ` without a message. */
export function validationErrorPrefix(message: string | undefined): string {
  return message ? `validation error: ${withPeriod(message)} ` : 'validation error: ';
}
