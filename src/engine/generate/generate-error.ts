// The error thrown when a generate rule cannot build its downstream resources.

/** A generate rule that cannot be carried out (missing clone source, broken namespace rules, malformed spec). */
export class GenerateError extends Error {
  override readonly name = 'GenerateError';
}
