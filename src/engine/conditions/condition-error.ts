/** An evaluation problem in a condition block: unknown operator, failed substitution, malformed block. */
export class ConditionError extends Error {
  override readonly name = 'ConditionError';
}
