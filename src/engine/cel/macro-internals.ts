// The slice of @marcbachmann/cel-js 8.0.0 internals that custom macros and AST patches use.
// These shapes are not in the library's .d.ts; they are pinned to the exact library version.
import type { ASTNode } from '@marcbachmann/cel-js';

/** A declared CEL type as seen by the checker (`kind` is 'primitive', 'dyn', 'list', 'map', …). */
export interface CheckedType {
  readonly kind: string;
  readonly name: string;
}

/** The type checker handed to a macro's `typeCheck`. */
export interface MacroChecker {
  check(node: ASTNode, ctx: unknown): CheckedType;
  getType(name: string): CheckedType;
  createError(code: string, message: string, node: ASTNode): Error;
}

/** The evaluator handed to a macro's `evaluate`. */
export interface MacroEvaluator {
  run(node: ASTNode, ctx: unknown): unknown;
  debugType(value: unknown): {
    readonly name: string;
    fieldLazy(obj: unknown, key: string, node: ASTNode, ev: MacroEvaluator): unknown;
  };
}

/** What a macro expander returns: its own type check and evaluation. */
export interface MacroDefinition {
  readonly async?: boolean;
  typeCheck(chk: MacroChecker, macro: this, ctx: unknown): CheckedType;
  evaluate(ev: MacroEvaluator, macro: this, ctx: unknown): unknown;
}

/** The argument of a macro expander (`fn(ast): T` signatures). */
export interface MacroCall {
  readonly ast: ASTNode;
  readonly args: ASTNode[];
  /** The receiver of a method call; null (cel-js) for a global call. */
  readonly receiver?: ASTNode | null;
}

/** AST node operations used by patches: the mutable per-node metadata. */
export interface PatchableNode {
  readonly op: string;
  readonly args: unknown;
  readonly meta: {
    check(chk: MacroChecker, node: ASTNode, ctx: unknown): CheckedType;
    evaluate(ev: MacroEvaluator, node: ASTNode, ctx: unknown): unknown;
    macro?: MacroDefinition;
    /** The node a parse-time macro expanded the call into (e.g. a `comprehension`). */
    alternate?: PatchableNode;
  };
  setMeta(key: 'macro' | 'async', value: unknown): this;
}

/** True when the checked type is statically `dyn` (or a dyn-wrapped type). */
export function isDyn(t: CheckedType): boolean {
  return t.kind === 'dyn';
}
