// Function dispatch: arity and type checks before the handler runs (go-jmespath resolveArgs).
import { JmesPathError } from '../errors.js';
import { goValueText } from '../go-value-text.js';
import { ExpRef, type Arg, type EvalState } from '../runtime.js';
import { isValueObject, type Value } from '../values.js';
import { FUNCTIONS } from './registry.js';
import type { ArgSpec, ArgType, FunctionSpec } from './types.js';

/** A function call, resolved once; calling it throws JmesPathError for an unknown function, wrong arity or argument types. */
export function functionCaller(name: string): (args: Arg[], state: EvalState) => Value {
  const spec = FUNCTIONS.get(name);
  // go-jmespath resolves names at call time: an unknown function only fails when it is reached.
  if (spec === undefined) {
    return () => {
      throw new JmesPathError(`unknown function: ${name}`);
    };
  }
  return (args, state) => {
    checkArguments(spec, args);
    return spec.handler(args, state);
  };
}

function checkArguments(spec: FunctionSpec, args: Arg[]): void {
  const declared = spec.args;
  // go-jmespath: a function declared without arguments accepts any number of them.
  if (declared.length === 0) return;
  const variadic = declared[declared.length - 1].variadic === true;
  if (!variadic && args.length !== declared.length) throw new JmesPathError('incorrect number of args');
  if (variadic && args.length < declared.length) throw new JmesPathError('Invalid arity.');
  // go-jmespath skips the type check of variadic functions, and its merge then panics on a non-object;
  // Tollgate reports the type error instead.
  args.forEach((a, i) => {
    const argSpec: ArgSpec = declared[Math.min(i, declared.length - 1)];
    if (!argSpec.types.some((t) => matchesType(t, a))) throw typeError(argSpec.types, a);
  });
}

function matchesType(type: ArgType, a: Arg): boolean {
  if (a instanceof ExpRef) return type === 'expref';
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof a === 'string';
    case 'number':
      return typeof a === 'number';
    case 'array':
      return Array.isArray(a);
    case 'object':
      return isValueObject(a);
    case 'array[number]':
      return Array.isArray(a) && a.every((x) => typeof x === 'number');
    case 'array[string]':
      return Array.isArray(a) && a.every((x) => typeof x === 'string');
    default:
      return false;
  }
}

/**
 * go-jmespath's ArgSpec.typeCheck error, which Kyverno's functions share: `fmt.Errorf("Invalid type for: %v,
 * expected: %#v", arg, types)`, e.g. `Invalid type for: <nil>, expected: []jmespath.JpType{"array", "string"}`.
 */
export function typeError(types: readonly ArgType[], a: Arg): JmesPathError {
  return new JmesPathError(`Invalid type for: ${goValueText(a)}, expected: ${goJpTypesText(types)}`);
}

/** Go `%#v` of a []jmespath.JpType (every JpType constant is plain ASCII, so quoting is just `"…"`). */
export function goJpTypesText(types: readonly ArgType[]): string {
  return `[]jmespath.JpType{${types.map((t) => `"${t}"`).join(', ')}}`;
}
