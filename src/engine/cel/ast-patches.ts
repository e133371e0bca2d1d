// Behaviour fixes applied to a parsed AST before it is checked: built-in macros and overloads
// of cel-js cannot be replaced by registration, but a node's macro slot can be set.
import { EvaluationError, type ASTNode } from '@marcbachmann/cel-js';
import { formatGoV } from '../primitives/go-format.js';
import type { MacroDefinition, PatchableNode } from './macro-internals.js';

const INT64_MAX = 2n ** 63n - 1n;

/** Applies every patch to `root` and its descendants (mutates node metadata). */
export function patchAst(root: ASTNode): void {
  visit(root as unknown as PatchableNode);
}

function visit(node: PatchableNode): void {
  const patch = patchFor(node);
  if (patch !== undefined) node.setMeta('macro', patch).setMeta('async', false);
  forEachChild(node.args, visit);
}

function forEachChild(value: unknown, fn: (node: PatchableNode) => void): void {
  if (Array.isArray(value)) for (const v of value) forEachChild(v, fn);
  else if (isNode(value)) fn(value);
}

function isNode(v: unknown): v is PatchableNode {
  return typeof v === 'object' && v !== null && typeof (v as PatchableNode).setMeta === 'function';
}

function patchFor(node: PatchableNode): MacroDefinition | undefined {
  if (node.meta.macro !== undefined) return node.op === 'call' ? hasPatch(node) : undefined;
  if (node.op === '/') return divisionPatch(node);
  if (node.op === 'call') return stringPatch(node);
  return undefined;
}

/** Wraps a node's own check and evaluation, post-processing its evaluated value. */
function wrapNode(node: PatchableNode, evaluate: MacroDefinition['evaluate']): MacroDefinition {
  const { check } = node.meta;
  const self = node as unknown as ASTNode;
  return { async: false, typeCheck: (chk, _m, ctx) => check(chk, self, ctx), evaluate };
}

// Kyverno: kyverno-cel-semantics §5.1 "Operators" — int64 overflow is an error; cel-js misses
// the single overflowing division MIN_INT64 / -1.
function divisionPatch(node: PatchableNode): MacroDefinition {
  const { evaluate } = node.meta;
  const self = node as unknown as ASTNode;
  return wrapNode(node, (ev, _m, ctx) => {
    const v = evaluate(ev, self, ctx);
    if (typeof v === 'bigint' && v > INT64_MAX) throw new EvaluationError('integer overflow', self);
    return v;
  });
}

// Kyverno: kyverno-cel-semantics §5.1 "Conversions" — string(double) is Go's %g shortest form
// (`string(1000000.0)` is "1e+06"), which differs from JS for large and tiny magnitudes.
function stringPatch(node: PatchableNode): MacroDefinition | undefined {
  const [name, args] = node.args as [string, ASTNode[]];
  if (name !== 'string' || args.length !== 1) return undefined;
  const { evaluate } = node.meta;
  const self = node as unknown as ASTNode;
  return wrapNode(node, (ev, _m, ctx) => {
    const v = ev.run(args[0], ctx);
    return typeof v === 'number' ? formatGoV(v) : evaluate(ev, self, ctx);
  });
}

// Kyverno: kyverno-cel-semantics §5.1 "Macros" — cel-go accepts `has(e.f)` for any operand `e`
// (e.g. `has(a[0].b)`), evaluating `e` normally (errors propagate) and testing the last field.
// cel-js only accepts chains of field selections down to a variable, so other forms get this one.
function hasPatch(node: PatchableNode): MacroDefinition | undefined {
  const [name, args] = node.args as [string, ASTNode[]];
  const select = args[0] as unknown as PatchableNode;
  if (name !== 'has' || args.length !== 1 || select.op !== '.' || isSelectChain(select)) return undefined;
  const [operand, field] = select.args as [ASTNode, string];
  const self = select as unknown as ASTNode;
  return {
    async: false,
    typeCheck(chk, _m, ctx) {
      chk.check(operand, ctx);
      return chk.getType('bool');
    },
    evaluate(ev, _m, ctx) {
      const obj = ev.run(operand, ctx);
      return ev.debugType(obj).fieldLazy(obj, field, self, ev) !== undefined;
    },
  };
}

function isSelectChain(node: PatchableNode): boolean {
  let n = node;
  while (n.op === '.' || n.op === '.?') n = (n.args as [PatchableNode])[0];
  return n.op === 'id';
}
