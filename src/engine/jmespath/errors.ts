// Error types of the JMESPath dialect: evaluation errors are thrown as JmesPathError, parse errors as JmesPathSyntaxError.

/** An evaluation error; `notFound` marks Kyverno's `Unknown key "<key>" in path` (spec §6.4). */
export class JmesPathError extends Error {
  override readonly name = 'JmesPathError';
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

/** A compile-time error: the expression is not valid in Kyverno's JMESPath grammar. */
export class JmesPathSyntaxError extends Error {
  override readonly name = 'JmesPathSyntaxError';
}

/** The error Kyverno's go-jmespath fork raises for a key missing from an object. */
export function unknownKeyError(key: string): JmesPathError {
  return new JmesPathError(`Unknown key "${key}" in path`, true);
}

/** An error attributed to a function, in Kyverno's `JMESPath function '<name>': <problem>` form. */
export function functionError(name: string, problem: string): JmesPathError {
  return new JmesPathError(`JMESPath function '${name}': ${problem}`);
}

/** Kyverno's `argument #<n> is not of type <kind>` error, raised by handlers that re-check an argument. */
export function argumentKindError(name: string, position: number, kind: string): JmesPathError {
  return functionError(name, `argument #${position} is not of type ${kind}`);
}
