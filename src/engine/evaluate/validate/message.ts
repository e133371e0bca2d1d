// Kyverno: spec §4.2 — failure messages are substituted only when a failure is reported.
import { substituteString } from '../../variables/substitute.js';
import { boundedMemo } from '../../primitives/bounded-memo.js';
import type { ValidateScope } from './scope.js';

// A pass message depends on the rule name alone: one string per rule, not one per result (a check of a large
// repository keeps hundreds of thousands of them).
/** Kyverno's message for a passing pattern or deny rule. */
export const passMessage = boundedMemo(4096, (rule: string) => `validation rule '${rule}' passed.`);

/** Kyverno's message for a passing podSecurity or validate.cel rule (capitalised, as Kyverno writes it). */
export const capitalisedPassMessage = boundedMemo(4096, (rule: string) => `Validation rule '${rule}' passed.`);

/** The rule message with variables substituted; on a substitution error, Kyverno's error text instead. */
export function substitutedMessage(scope: ValidateScope): { text?: string; error?: string } {
  if (!scope.message) return {};
  try {
    const v = substituteString(scope.message, scope.ctx, ['validate', 'message']);
    return { text: typeof v === 'string' ? v : JSON.stringify(v) };
  } catch (e) {
    return {
      error: `validation error: variables substitution error in rule ${scope.rule} execution error: ${(e as Error).message}`,
    };
  }
}
