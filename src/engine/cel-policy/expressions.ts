// Compiling one policy field as CEL (shared by all CEL kinds): errors are collected with the field path, and
// `variables.<name>` references are checked against the variables visible at that point (§2.5, §2.6).
import type { JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';
import type { CelEnvironment } from '../cel/environment.js';
import { compileCel, type CelExpectation, type CelProgram } from '../cel/compile.js';
import type { CelCompileError } from '../cel/compile-error.js';
import { tokenizeCel } from '../cel/cel-tokens.js';

/** A compile error of the expression at `path` of the policy document. */
export interface ExpressionError {
  readonly path: JsonPath;
  readonly error: CelCompileError;
}

/**
 * Variables an expression may read: `names` in declaration order; `undefined` means `variables` itself is not
 * declared (ValidatingPolicy matchConditions are compiled before the variables).
 */
export type VisibleVariables = readonly string[] | undefined;

/** Compiles the string at `path`; on failure pushes to `errors` and returns undefined. */
export function compileField(
  env: CelEnvironment,
  source: JsonValue | undefined,
  expect: CelExpectation,
  path: JsonPath,
  visible: VisibleVariables,
  errors: ExpressionError[],
): CelProgram | undefined {
  const text = typeof source === 'string' ? source : '';
  if (text.trim() === '') {
    errors.push({ path, error: { kind: 'syntax', message: 'expression is required' } });
    return undefined;
  }
  const refError = variableReferenceError(text, visible);
  if (refError) {
    errors.push({ path, error: refError });
    return undefined;
  }
  const compiled = compileCel(env, text, expect);
  if (compiled.ok) return compiled.program;
  const typed = compileWithVariableTypes(env, text, expect, visible);
  if (typed) return typed;
  errors.push({ path, error: compiled.error });
  return undefined;
}

// The expression sources of declared variables, keyed by the `names` array compileVariables hands out, so that
// every caller passing `variables.names` as VisibleVariables gets variable typing without more parameters.
const variableSources = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

/** Records the (already inlined) expression text of each variable for the `names` list of a policy. */
export function registerVariableSources(names: readonly string[], sources: ReadonlyMap<string, string>): void {
  variableSources.set(names, sources);
}

/**
 * Kyverno: §2.6 — a variable's static type is its expression's type, but the shared environment declares
 * `variables` as dyn. When only dyn got in the way, the expression is type-checked again with each
 * `variables.<name>` replaced by that variable's parenthesised source; the original is what runs (lazily).
 */
function compileWithVariableTypes(
  env: CelEnvironment,
  text: string,
  expect: CelExpectation,
  visible: VisibleVariables,
): CelProgram | undefined {
  const sources = visible ? variableSources.get(visible) : undefined;
  if (!sources || expect === 'any') return undefined;
  const inlined = inlineVariables(text, sources);
  if (inlined === text || !compileCel(env, inlined, expect).ok) return undefined;
  const program = compileCel(env, text, 'any');
  return program.ok ? program.program : undefined;
}

/** `text` with every `variables.<name>` whose source is known replaced by `(<source>)`. */
export function inlineVariables(text: string, sources: ReadonlyMap<string, string>): string {
  const tokens = tokenizeCel(text);
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const dot = tokens[i + 1];
    const field = tokens[i + 2];
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((x) => x.kind !== 'space');
    const isRef = t.kind === 'ident' && t.text === 'variables' && prev?.text !== '.' && dot?.text === '.';
    const source = isRef && field?.kind === 'ident' ? sources.get(field.text) : undefined;
    if (source === undefined) {
      out += t.text;
      continue;
    }
    out += `(${source})`;
    i += 2;
  }
  return out;
}

/** Kyverno: §2.6 — `variables` is an object type whose fields are the variables declared so far. */
export function variableReferenceError(source: string, visible: VisibleVariables): CelCompileError | undefined {
  const tokens = tokenizeCel(source).filter((t) => t.kind !== 'space');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident' || t.text !== 'variables' || tokens[i - 1]?.text === '.') continue;
    if (visible === undefined) return errorAt(source, t.start, "undeclared reference to 'variables' (in container '')");
    const field = tokens[i + 1]?.text === '.' ? tokens[i + 2] : undefined;
    if (field?.kind === 'ident' && !visible.includes(field.text)) {
      return errorAt(source, field.start, `undefined field '${field.text}'`);
    }
  }
  return undefined;
}

function errorAt(source: string, offset: number, message: string): CelCompileError {
  const before = source.slice(0, offset).split('\n');
  return { kind: 'type', message, line: before.length, column: before[before.length - 1].length + 1 };
}
