// Builds closures from the parser's AST, once per expression, with go-jmespath semantics and
// Kyverno's NotFound rules (spec §6.4): missing keys propagate through field chains and index
// expressions and become null everywhere else.
import { functionCaller } from './functions/call.js';
import {
  buildProjection,
  buildFilterProjection,
  buildFlatten,
  buildValueProjection,
  buildSlice,
} from './projections.js';
import { ExpRef, Missing, orNull, type EvalState, type Evaluator, type Result } from './runtime.js';
import { syntaxError, type AstNode } from './syntax.js';
import { cloneValue, isFalse, isValueObject, setKey, valuesEqual, type Value, type ValueObject } from './values.js';

type NodeOf<T extends AstNode['type']> = Extract<AstNode, { type: T }>;

/** Builds the evaluator of an AST; throws JmesPathSyntaxError for jmespath-community-only syntax. */
export function buildEvaluator(node: AstNode, expression: string): Evaluator {
  const build = (n: AstNode): Evaluator => buildEvaluator(n, expression);
  switch (node.type) {
    case 'Field':
      return fieldEvaluator(node.name);
    case 'Identity':
    case 'Current':
      return (value) => value;
    case 'Literal':
      return literalEvaluator(node.value as Value);
    case 'Subexpression':
    case 'IndexExpression':
      return chainEvaluator(build(node.left), build(node.right));
    case 'Index':
      return indexEvaluator(node.value);
    case 'Slice':
      return buildSlice(node.start, node.stop, node.step);
    case 'Projection':
      return buildProjection(build(node.left), build(node.right));
    case 'FilterProjection':
      return buildFilterProjection(build(node.left), build(node.right), build(node.condition));
    case 'ValueProjection':
      return buildValueProjection(build(node.left), build(node.right));
    case 'Flatten':
      return buildFlatten(build(node.child));
    case 'Comparator':
      return comparatorEvaluator(node.name, build(node.left), build(node.right));
    case 'OrExpression':
      return orEvaluator(build(node.left), build(node.right));
    case 'AndExpression':
      return andEvaluator(build(node.left), build(node.right));
    case 'NotExpression':
      return notEvaluator(build(node.child));
    case 'Pipe':
      return pipeEvaluator(build(node.left), build(node.right));
    case 'MultiSelectList':
      return multiSelectListEvaluator(node.children.map(build));
    case 'MultiSelectHash':
      return multiSelectHashEvaluator(node, build);
    case 'Function':
      return functionEvaluator(node, build);
    default:
      // Kyverno: spec §6.4 — no `let`, variables, `$`, ternary or arithmetic operators.
      throw syntaxError(expression, `${describe(node)} is not supported by Kyverno's JMESPath`);
  }
}

function describe(node: AstNode): string {
  const names: Record<string, string> = {
    Arithmetic: 'arithmetic operator',
    Unary: 'unary arithmetic operator',
    LetExpression: 'let expression',
    Variable: 'variable reference',
    Binding: 'variable binding',
    Root: 'root reference `$`',
    Ternary: 'ternary operator',
    ExpressionReference: 'expression reference outside a function argument',
  };
  return names[node.type] ?? `node ${node.type}`;
}

function fieldEvaluator(key: string): Evaluator {
  // One per field: a Missing is never changed, and absent fields (ephemeralContainers, …) are met on most requests.
  const missing = new Missing(key);
  return (value) => {
    if (!isValueObject(value)) return null;
    // Object.hasOwn: `constructor` and friends are not keys of a JSON object; an undefined
    // property is absent from the JSON the caller means.
    const found = Object.hasOwn(value, key) ? value[key] : undefined;
    return found === undefined ? missing : found;
  };
}

function literalEvaluator(literal: Value): Evaluator {
  if (typeof literal !== 'object' || literal === null) return () => literal;
  return () => cloneValue(literal);
}

// go-jmespath evaluates the right side even on null (so `a.to_string(@)` with a: null gives "null").
function chainEvaluator(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = left(value, state);
    return l instanceof Missing ? l : right(l, state);
  };
}

function indexEvaluator(index: number): Evaluator {
  return (value) => {
    if (!Array.isArray(value)) return null;
    const i = index < 0 ? index + value.length : index;
    return i >= 0 && i < value.length ? value[i] : null;
  };
}

type ComparatorName = NodeOf<'Comparator'>['name'];

// Kyverno: spec §6.4 — ordering is defined on numbers only; anything else gives null.
function comparatorEvaluator(name: ComparatorName, left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = orNull(left(value, state));
    const r = orNull(right(value, state));
    if (name === 'EQ') return valuesEqual(l, r);
    if (name === 'NE') return !valuesEqual(l, r);
    if (typeof l !== 'number' || typeof r !== 'number') return null;
    if (name === 'LT') return l < r;
    if (name === 'LTE') return l <= r;
    if (name === 'GT') return l > r;
    return l >= r;
  };
}

function orEvaluator(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = orNull(left(value, state));
    return isFalse(l) ? orNull(right(value, state)) : l;
  };
}

// The right operand of `&&` keeps its NotFound (only the left one is swallowed).
function andEvaluator(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => {
    const l = orNull(left(value, state));
    return isFalse(l) ? l : right(value, state);
  };
}

function notEvaluator(child: Evaluator): Evaluator {
  return (value, state) => isFalse(orNull(child(value, state)));
}

function pipeEvaluator(left: Evaluator, right: Evaluator): Evaluator {
  return (value, state) => orNull(right(orNull(left(value, state)), state));
}

// go-jmespath: a multi-select on null is null.
function multiSelectListEvaluator(children: Evaluator[]): Evaluator {
  return (value, state) => (value === null ? null : selectEach(children, value, state));
}

// A plain loop: a map closure over `value` and `state` would cost a function context on every evaluation.
function selectEach(children: readonly Evaluator[], value: Value, state: EvalState): Value[] {
  const out = new Array<Value>(children.length);
  for (let i = 0; i < children.length; i++) out[i] = orNull(children[i](value, state));
  return out;
}

function multiSelectHashEvaluator(node: NodeOf<'MultiSelectHash'>, build: (n: AstNode) => Evaluator): Evaluator {
  const entries = node.children.map((kv) => [kv.name, build(kv.value)] as const);
  return (value, state) => {
    if (value === null) return null;
    const out: ValueObject = {};
    for (const [key, child] of entries) setKey(out, key, orNull(child(value, state)));
    return out;
  };
}

function functionEvaluator(node: NodeOf<'Function'>, build: (n: AstNode) => Evaluator): Evaluator {
  const args = node.children.map((child): Evaluator | ExpRef =>
    child.type === 'ExpressionReference' ? new ExpRef(build(child.child), child.child) : build(child),
  );
  const call = functionCaller(node.name);
  return (value, state): Result =>
    call(
      args.map((a) => (a instanceof ExpRef ? a : orNull(a(value, state)))),
      state,
    );
}
