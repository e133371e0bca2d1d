// Behaviour fixes applied to a parsed AST before it is checked: built-in macros and overloads
// of cel-js cannot be replaced by registration, but a node's macro slot can be set.
import { EvaluationError, type ASTNode } from '@marcbachmann/cel-js';
import { formatGoV } from '../primitives/go-format.js';
import type { MacroDefinition, MacroEvaluator, PatchableNode } from './macro-internals.js';
import { NO_SUCH_OVERLOAD } from './go-error-text.js';
import { asBool, foldLikeCelGo, isListOrMap } from './lib/macro-support.js';
import { indexOf, lastIndexOf } from './lib/lists.js';

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
  if (node.op === 'rcall') return listSearchPatch(node);
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

const LIST_SEARCH: Readonly<Record<string, (list: unknown[], v: unknown) => bigint>> = { indexOf, lastIndexOf };

// Kyverno: cel-go's runtime guard for the Kubernetes `list<T>.indexOf(T)` and `lastIndexOf(T)` checks each operand
// alone, `T` as dyn: any list and any value (equality decides, `[1.0].indexOf(1)` is 0). cel-js binds `T` from the
// first element of a dyn list, so `[{"a": null}, {"a": 1.0}].indexOf(x)` found no overload. Other receivers (strings,
// non-lists) keep cel-js's dispatch and its errors.
function listSearchPatch(node: PatchableNode): MacroDefinition | undefined {
  const [name, receiver, args] = node.args as [string, ASTNode, ASTNode[]];
  const search = Object.hasOwn(LIST_SEARCH, name) ? LIST_SEARCH[name] : undefined;
  if (search === undefined || args.length !== 1) return undefined;
  const { evaluate } = node.meta;
  const self = node as unknown as ReceiverCallNode;
  return wrapNode(node, (ev, _m, ctx) => {
    // The receiver first: cel-go reports its error before the argument's.
    const values = [ev.run(receiver, ctx), ev.run(args[0], ctx)];
    if (values.some((v) => v instanceof Promise)) return evaluate(ev, node as unknown as ASTNode, ctx);
    return Array.isArray(values[0]) ? search(values[0], values[1]) : self.handle(values, ev, self);
  });
}

/** cel-js's method-call node after checking: the dispatcher its check installed (receiver, then arguments). */
interface ReceiverCallNode {
  handle(values: unknown[], ev: MacroEvaluator, node: ReceiverCallNode): unknown;
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
    if (range instanceof Promise) return self.handle(range, self.args, ev, ctx);
    if (!isListOrMap(range)) {
      const type = ev.debugType(range).name;
      throw new EvaluationError(
        `Expression of type '${type}' cannot be range of a comprehension (must be list, map, or dynamic).`,
        self.args.iterable,
      );
    }
    // cel-js marks map, filter and exists_one (no loop condition) as stopping at their first error.
    if (self.args.errorsAreFatal === true && self.args.condition === undefined)
      return fold(range as object, self.args, ev, ctx);
    return self.handle(range, self.args, ev, ctx);
  });
}

// Kyverno: cel-go runs map, filter and exists_one over every element whatever fails (foldLikeCelGo says which error
// is reported). Their cel-js step is `predicate ? step : accu` (filter, exists_one, three-argument map) or `step`.
function fold(range: object, args: ComprehensionArgs, ev: MacroEvaluator, ctx: unknown): unknown {
  // What cel-js iterates: list elements, map keys.
  const items =
    Array.isArray(range) || range instanceof Set
      ? [...range]
      : range instanceof Map
        ? [...range.keys()]
        : Object.keys(range);
  const scope = args.iterCtx.reuse(ctx);
  let accu = ev.run(args.init, scope);
  scope.accuValue = accu;
  const conditional = args.step.op === '?:' ? (args.step.args as [ASTNode, ASTNode, ASTNode]) : undefined;
  const [predicate, step] = conditional ?? [undefined, args.step];
  foldLikeCelGo(
    items,
    (item) => {
      accu = ev.run(step, scope.setIterValue(item, ev));
    },
    predicate && ((item) => asBool(ev.run(predicate, scope.setIterValue(item, ev)))),
  );
  return args.result(accu);
}

/** cel-js's comprehension node after checking: its arguments and the handler its check installed. */
interface ComprehensionNode {
  readonly args: ComprehensionArgs;
  handle(range: unknown, args: ComprehensionArgs, ev: MacroEvaluator, ctx: unknown): unknown;
}

/** A macro's comprehension: range, accumulator start, step per element and result (see cel-js macros.js). */
interface ComprehensionArgs {
  readonly iterable: ASTNode;
  readonly errorsAreFatal?: boolean;
  readonly condition?: (accu: unknown) => boolean;
  readonly init: ASTNode;
  readonly step: ASTNode;
  result(accu: unknown): unknown;
  /** The iteration scope the check made: `reuse` binds it below the caller's scope. */
  readonly iterCtx: { reuse(parent: unknown): IterationScope };
}

/** One comprehension's scope: the iteration variable and the accumulator its steps read and write. */
interface IterationScope {
  accuValue: unknown;
  setIterValue(value: unknown, ev: MacroEvaluator): IterationScope;
}
