// Kyverno: spec §4.2 — failure messages are substituted only when a failure is reported.
import { substituteString } from '../../variables/substitute.js';
import { boundedMemo } from '../../primitives/bounded-memo.js';
import type { Outcome } from '../outcome.js';
import type { ValidateScope } from './scope.js';

// A pass depends on the rule name alone: one outcome per rule, not one outcome and message per result (a check of a
// large repository keeps hundreds of thousands of them; outcomes are never changed, only copied into results).
/** Kyverno's outcome for a passing pattern or deny rule. */
export const passOutcome = boundedMemo(4096, (rule: string): Outcome => ({
  status: 'pass',
  message: `validation rule '${rule}' passed.`,
}));

/** Kyverno's outcome for a passing podSecurity or validate.cel rule (capitalised, as Kyverno writes it). */
export const capitalisedPassOutcome = boundedMemo(4096, (rule: string): Outcome => ({
  status: 'pass',
  message: `Validation rule '${rule}' passed.`,
}));

// One memo per anyPattern index (most rules have two or three patterns), so the key is the rule name alone.
const anyPatternPasses: ((rule: string) => Outcome)[] = [];

/** Kyverno's outcome for an anyPattern rule whose pattern `index` passed first. */
export function anyPatternPassOutcome(rule: string, index: number): Outcome {
  return (anyPatternPasses[index] ??= anyPatternPassMemo(index))(rule);
}

// Apart from anyPatternPassOutcome: its closure over `index` would cost a function context on every call there.
function anyPatternPassMemo(index: number): (rule: string) => Outcome {
  return boundedMemo(4096, (rule) => ({
    status: 'pass',
    message: `validation rule '${rule}' anyPattern[${index}] passed.`,
  }));
}

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
