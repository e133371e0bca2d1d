// Compiles a CEL expression once: source shims, parse, AST patches, type check, result-type rule.
import type { ParseResult } from '@marcbachmann/cel-js';
import type { CelEnvironment, CelPolicyKind } from './environment.js';
import { toCompileError, type CelCompileError } from './compile-error.js';
import { rewriteMessageLiterals, type RewrittenSource } from './message-literals.js';
import { patchAst } from './ast-patches.js';

/**
 * Required static result type. Kyverno: kyverno-cel-semantics §5.1 — `bool` and `string` reject
 * `dyn`; `object` (applyConfiguration) and `list` (jsonPatch) accept dyn because message literals
 * are compiled to dyn maps; `any` accepts everything.
 */
export type CelExpectation = 'bool' | 'string' | 'string-or-null' | 'object' | 'list' | 'any';

/** A checked expression, ready to evaluate any number of times. */
export interface CelProgram {
  readonly source: string;
  readonly kind: CelPolicyKind;
  /** Static result type as cel-js names it (`bool`, `dyn`, `list<string>`, …). */
  readonly resultType: string;
  /** Evaluates against an activation; throws the library's errors (use evaluateCel). */
  readonly run: ParseResult;
}

export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; error: CelCompileError };

const ACCEPTED: Record<CelExpectation, (t: string) => boolean> = {
  bool: (t) => t === 'bool',
  string: (t) => t === 'string',
  'string-or-null': (t) => t === 'string' || t === 'null',
  object: (t) => t === 'dyn' || t === 'map' || t.startsWith('map<'),
  list: (t) => t === 'dyn' || t === 'list' || t.startsWith('list<'),
  any: () => true,
};

/** Compiles `source` in `env`; compile problems are returned as values, never thrown. */
export function compileCel(env: CelEnvironment, source: string, expect: CelExpectation): CelCompileResult {
  const text: RewrittenSource =
    env.kind === 'MutatingPolicy' ? rewriteMessageLiterals(source) : { text: source, originalOffset: (o) => o };
  const fail = (err: unknown): CelCompileResult => ({
    ok: false,
    error: toCompileError(err, { source, offsetOf: text.originalOffset, isKnownFunction: env.isKnownFunction }),
  });
  let run: ParseResult;
  try {
    run = env.env.parse(text.text);
    patchAst(run.ast);
  } catch (err) {
    return fail(err);
  }
  const checked = run.check();
  if (!checked.valid) return fail(checked.error);
  const resultType = checked.type ?? 'dyn';
  if (!ACCEPTED[expect](resultType)) {
    return { ok: false, error: { kind: 'type', message: `expected type '${expect}' but found '${resultType}'` } };
  }
  return { ok: true, program: { source, kind: env.kind, resultType, run } };
}
