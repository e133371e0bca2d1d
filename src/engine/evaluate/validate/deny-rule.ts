// Kyverno: spec §4.7 — deny fails when its conditions hold.
import { evaluateConditions, type CompiledConditions } from '../../conditions/conditions.js';
import type { Outcome } from '../outcome.js';
import { passOutcome, substitutedMessage } from './message.js';
import type { ValidateScope } from './scope.js';

/** `validate.deny`. */
export function runDeny(conditions: CompiledConditions | undefined, scope: ValidateScope): Outcome {
  let outcome;
  try {
    outcome = evaluateConditions(conditions, scope.ctx);
  } catch (e) {
    return { status: 'error', message: `failed to check deny conditions: ${(e as Error).message}` };
  }
  if (!outcome.result) return passOutcome(scope.rule);
  // A deny has no failing field of its own; inside foreach it points at the element being checked.
  const path = scope.basePath.length ? scope.basePath : undefined;
  const m = substitutedMessage(scope);
  if (m.error) return { status: 'fail', message: m.error, path };
  const parts = [m.text ?? '', ...outcome.messages].filter((s) => s !== '');
  return {
    status: 'fail',
    message: parts.length ? parts.join('; ') : `validation error: rule ${scope.rule} failed`,
    path,
  };
}
