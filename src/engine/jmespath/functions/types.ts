// How a JMESPath function is declared: argument types, variadic tail, handler.
import type { Arg, EvalState } from '../runtime.js';
import type { Value } from '../values.js';

/** Argument types of go-jmespath's function table (plus Kyverno's union types). */
export type ArgType = 'any' | 'string' | 'number' | 'array' | 'object' | 'expref' | 'array[number]' | 'array[string]';

/** One declared argument. */
export interface ArgSpec {
  readonly types: readonly ArgType[];
  readonly variadic?: boolean;
}

/** A function. Kyverno registers its own in go-jmespath's table, so both kinds share its arity and type errors. */
export interface FunctionSpec {
  readonly name: string;
  readonly args: readonly ArgSpec[];
  readonly handler: (args: Arg[], state: EvalState) => Value;
}

/** Shorthand for an argument accepting the given types. */
export function arg(...types: ArgType[]): ArgSpec {
  return { types };
}

/** Declares a Kyverno function. */
export function kyvernoFunction(name: string, args: ArgSpec[], handler: FunctionSpec['handler']): FunctionSpec {
  return { name, args, handler };
}

/** Declares a standard go-jmespath function. */
export function standardFunction(name: string, args: ArgSpec[], handler: FunctionSpec['handler']): FunctionSpec {
  return { name, args, handler };
}
