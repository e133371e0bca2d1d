// Behaviour fixes applied to a parsed AST before it is checked: built-in macros and overloads
// of cel-js cannot be replaced by registration, but a node's macro slot can be set.
import { EvaluationError, type ASTNode } from '@marcbachmann/cel-js';
import { formatGoV } from '../primitives/go-format.js';
import type { MacroDefinition, MacroEvaluator, PatchableNode } from './macro-internals.js';
import { NO_SUCH_OVERLOAD } from './go-error-text.js';
import { isListOrMap } from './lib/macro-support.js';

const INT64_MAX = 2n ** 63n - 1n;

/** Applies every patch to `root` and its descendants (mutates node metadata). */
export function patchAst(root: ASTNode): void {
  visit(root as unknown as PatchableNode);
}

function visit(node: PatchableNode): void {
  const patch = patchFor(node);
  if (patch !== undefined) node.setMeta('macro', patch).setMeta('async', false);
  // Macros (all, exists, map, filter…) are expanded at parse time into a comprehension node that replaces the call;
  // its iteration range and body are the call's own argument nodes, visited below.
  const expansion = node.meta.alternate;
  if (expansion?.op === 'comprehension') expansion.setMeta('macro', comprehensionPatch(expansion));
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
  if (node.op === '&&' || node.op === '||') return logicalPatch(node);
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

/** A thrown evaluation error, kept as a value while the other operand is evaluated. */
class Failed {
  constructor(readonly error: unknown) {}
}

function attempt(ev: MacroEvaluator, node: ASTNode, ctx: unknown): unknown {
  try {
    return ev.run(node, ctx);
  } catch (err) {
    return new Failed(err);
  }
}

// Kyverno: cel-go evaluates both operands of `&&` and `||` (interpreter evalAnd/evalOr): a deciding operand (false
// for `&&`, true for `||`) wins over an error on the other side; otherwise the first operand that is not a bool,
// left before right, is the result: its own error, or `no such overload` for a non-bool value. cel-js reports the
// right operand's error when both fail.
function logicalPatch(node: PatchableNode): MacroDefinition {
  const [left, right] = node.args as [ASTNode, ASTNode];
  const deciding = node.op === '||';
  const { evaluate } = node.meta;
  const self = node as unknown as ASTNode;
  return wrapNode(node, (ev, _m, ctx) => {
    const l = attempt(ev, left, ctx);
    if (l === deciding) return deciding;
    const r = attempt(ev, right, ctx);
    if (r === deciding) return deciding;
    // Asynchronous operands (unsupported by evaluateCel anyway) keep cel-js's own evaluation.
    if (l instanceof Promise || r instanceof Promise) return evaluate(ev, self, ctx);
    const culprit = typeof l === 'boolean' ? r : l;
    if (culprit instanceof Failed) throw culprit.error;
    if (typeof culprit === 'boolean') return culprit;
    throw new EvaluationError(NO_SUCH_OVERLOAD, self);
  });
}

// Kyverno: cel-go's comprehensions accept only lists and maps (`got 'types.Timestamp', expected iterable type`);
// cel-js rejects scalars but iterates the properties of any other object (bytes, timestamps, durations, optionals…).
function comprehensionPatch(node: PatchableNode): MacroDefinition {
  const self = node as unknown as ComprehensionNode;
  return wrapNode(node, (ev, _m, ctx) => {
    const range = ev.run(self.args.iterable, ctx);
    if (!isListOrMap(range) && !(range instanceof Promise)) {
      const type = ev.debugType(range).name;
      throw new EvaluationError(
        `Expression of type '${type}' cannot be range of a comprehension (must be list, map, or dynamic).`,
        self.args.iterable,
      );
    }
    return self.handle(range, self.args, ev, ctx);
  });
}

/** cel-js's comprehension node after checking: its arguments and the handler its check installed. */
interface ComprehensionNode {
  readonly args: { readonly iterable: ASTNode };
  handle(range: unknown, args: unknown, ev: MacroEvaluator, ctx: unknown): unknown;
}
