// Go's fmt `%v` of go-jmespath's runtime values, as Kyverno's `Invalid type for: %v, …` error prints them.
import { formatGoV } from '../primitives/go-format.js';
import { compareByCodePoint } from '../primitives/go-json.js';
import { ExpRef, type Arg } from './runtime.js';
import type { AstNode } from './syntax.js';
import { GoInt, isValueObject, type Value } from './values.js';

/**
 * Go `%v` of a function argument: nil → `<nil>`, a string as is, a float64 in shortest `%g`
 * (`1.5`, `1.234567e+06`), `[a b]` for a slice, `map[a:1 b:x]` (keys sorted) for a map, and an
 * expression reference as the go-jmespath AST struct it is (`{{5 a []}}`).
 */
export function goValueText(v: Arg): string {
  if (v instanceof ExpRef) return `{${goAstText(v.node)}}`;
  return valueText(v);
}

function valueText(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoV(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof GoInt) return String(v.value);
  if (Array.isArray(v)) return `[${v.map(valueText).join(' ')}]`;
  if (!isValueObject(v)) return '<nil>';
  const keys = Object.keys(v).sort(compareByCodePoint);
  return `map[${keys.map((k) => `${k}:${valueText(v[k])}`).join(' ')}]`;
}

// go-jmespath's ASTNodeType and tokType numbers (parser.go, lexer.go): `%v` prints them as ints because
// the AST sits in an unexported field, where fmt calls no String method.
const NODE = {
  Comparator: 1,
  Current: 2,
  ExpressionReference: 3,
  Function: 4,
  Field: 5,
  FilterProjection: 6,
  Flatten: 7,
  Identity: 8,
  Index: 9,
  IndexExpression: 10,
  KeyValuePair: 11,
  Literal: 12,
  MultiSelectHash: 13,
  MultiSelectList: 14,
  OrExpression: 15,
  AndExpression: 16,
  NotExpression: 17,
  Pipe: 18,
  Projection: 19,
  Subexpression: 20,
  Slice: 21,
  ValueProjection: 22,
} as const;
const COMPARATOR_TOKEN: Readonly<Record<string, number>> = { LT: 18, LTE: 19, GT: 20, GTE: 21, EQ: 22, NE: 23 };

/** `{NodeType Value [Children…]}`: go-jmespath's ASTNode as `%v` prints it, from the equivalent parser node. */
export function goAstText(node: AstNode): string {
  const text = (type: number, value: string, children: readonly AstNode[] = []) =>
    `{${type} ${value} [${children.map(goAstText).join(' ')}]}`;
  switch (node.type) {
    case 'Field':
      return text(NODE.Field, node.name);
    case 'Current':
    case 'Identity':
      return text(NODE[node.type], '<nil>');
    case 'Literal':
      return text(NODE.Literal, valueText(node.value as Value));
    case 'Index':
      return text(NODE.Index, String(node.value));
    case 'Slice':
      // go-jmespath stores []*int: Go prints addresses, which cannot be reproduced; the numbers stand in.
      return text(
        NODE.Slice,
        `[${[node.start, node.stop, node.step].map((n) => (n === null ? '<nil>' : n)).join(' ')}]`,
      );
    case 'Subexpression':
    case 'IndexExpression':
    case 'Projection':
    case 'ValueProjection':
    case 'OrExpression':
    case 'AndExpression':
    case 'Pipe':
      return text(NODE[node.type], '<nil>', [node.left, node.right]);
    case 'FilterProjection':
      return text(NODE.FilterProjection, '<nil>', [node.left, node.right, node.condition]);
    case 'Comparator':
      return text(NODE.Comparator, String(COMPARATOR_TOKEN[node.name]), [node.left, node.right]);
    case 'Flatten':
    case 'NotExpression':
    case 'ExpressionReference':
      return text(NODE[node.type], '<nil>', [node.child]);
    case 'MultiSelectList':
      return text(NODE.MultiSelectList, '<nil>', node.children);
    case 'MultiSelectHash':
      return `{${NODE.MultiSelectHash} <nil> [${node.children
        .map((kv) => `{${NODE.KeyValuePair} ${kv.name} [${goAstText(kv.value)}]}`)
        .join(' ')}]}`;
    case 'Function':
      return text(NODE.Function, node.name, node.children);
    default:
      // Syntax Kyverno's grammar lacks never reaches a function call (buildEvaluator rejects it).
      return text(0, '<nil>');
  }
}
