// Kyverno: spec §4.2 — failure messages are substituted only when a failure is reported.
import { substituteString } from '../../variables/substitute.js';
import type { ValidateScope } from './scope.js';

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
