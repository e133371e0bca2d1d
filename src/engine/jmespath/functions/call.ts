// Function dispatch: arity and type checks before the handler runs (go-jmespath resolveArgs).
import { functionError, JmesPathError } from '../errors.js';
import { ExpRef, type Arg, type EvalState } from '../runtime.js';
import { isValueObject, kyvernoTypeName, toJsonValue, type Value } from '../values.js';
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
  if (variadic && args.length < declared.length) throw new JmesPathError('invalid arity');
  args.forEach((a, i) => {
    const argSpec: ArgSpec = declared[Math.min(i, declared.length - 1)];
    if (!argSpec.types.some((t) => matchesType(t, a))) throw typeError(spec, argSpec, a, i);
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

function typeError(spec: FunctionSpec, argSpec: ArgSpec, a: Arg, index: number): JmesPathError {
  const got = a instanceof ExpRef ? 'expref' : kyvernoTypeName(a);
  if (spec.kyverno) {
    return functionError(spec.name, `argument #${index + 1} is not of type ${argSpec.types.join(' or ')} (got ${got})`);
  }
  const shown = a instanceof ExpRef ? '&expr' : JSON.stringify(toJsonValue(a, true));
  return new JmesPathError(
    `Invalid type for: ${shown}, expected: [${argSpec.types.join(' ')}] (function '${spec.name}', argument #${index + 1})`,
  );
}
