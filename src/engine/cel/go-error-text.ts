// CEL runtime errors worded as cel-go words them. Kyverno evaluates CEL with cel-go and puts its error text verbatim
// into policy results; cel-js words the same failures differently. Everything here follows cel-go v0.30.0 (the
// version Kyverno v1.19.1 is built with): common/types (err.go, the traits of each type, its methods),
// interpreter/ (interpretable.go, attributes.go, optimizations.go) and common/decls (overload dispatch).
// go-error-text.test.ts lists the outputs of Kyverno's CLI these rules were checked against.
import { QUOTE_ESCAPES } from './lib/strings.js';

/** cel-go's bare dispatch failure (types.NoSuchOverloadErr and types.MaybeNoSuchOverloadErr). */
export const NO_SUCH_OVERLOAD = 'no such overload';

// cel-js type names whose cel-go runtime type name (`ref.Type.TypeName()`) differs. Kyverno's handle and value
// types are the opaque types of github.com/kyverno/sdk extensions/cel/libs/*/types.go; Kubernetes' types
// (kubernetes.Quantity, net.IP, …) have the same names in both.
const TYPE_NAMES: Readonly<Record<string, string>> = {
  null: 'null_type',
  optional: 'optional_type',
  'kyverno.ImageData': 'imagedata.Context',
  'kyverno.HTTP': 'http.Context',
  'kyverno.Resource': 'resource.Context',
  'kyverno.GVR': 'schema.GroupVersionResource',
  'kyverno.GlobalContext': 'globalcontext.Context',
  'kyverno.Generator': 'generator.Context',
  'kyverno.Json': 'json.Json',
  'kyverno.Yaml': 'yaml.Yaml',
  'kyverno.Image': 'kyverno.image',
};

// Go's `%T` of a cel-go value, printed when a comprehension ranges over a non-iterable value. Lists and maps are
// iterable, so they never appear; types missing here keep cel-js's message.
const VALUE_TYPES: Readonly<Record<string, string>> = {
  null: 'types.Null',
  bool: 'types.Bool',
  int: 'types.Int',
  uint: 'types.Uint',
  double: 'types.Double',
  string: 'types.String',
  bytes: 'types.Bytes',
  'google.protobuf.Timestamp': 'types.Timestamp',
  'google.protobuf.Duration': 'types.Duration',
  optional: '*types.Optional',
  type: '*types.Type',
  'kubernetes.Quantity': 'cel.Quantity',
  'kyverno.Image': 'image.Image',
};

// The types whose cel-go value implements an operator's trait (common/types/types.go trait masks): a binary
// operator on such a left operand runs the operand's method, which rejects a wrong right operand with the bare
// text; on any other left operand the interpreter reports `no such overload: <function>`.
const ARITHMETIC = ['int', 'uint', 'double'];
const TIME = ['google.protobuf.Timestamp', 'google.protobuf.Duration'];
const TRAITS = {
  adder: new Set([...ARITHMETIC, 'string', 'bytes', 'list', ...TIME]),
  subtractor: new Set([...ARITHMETIC, ...TIME]),
  multiplier: new Set(ARITHMETIC),
  divider: new Set(ARITHMETIC),
  modder: new Set(['int', 'uint']),
  comparer: new Set([...ARITHMETIC, 'bool', 'string', 'bytes', ...TIME]),
  negator: new Set(['int', 'double', 'bool', 'google.protobuf.Duration']),
  sizer: new Set(['string', 'bytes', 'list', 'map']),
  matcher: new Set(['string']),
  // traits.Receiver: cel-go then tries the operand's own methods, which fail with the bare text.
  receiver: new Set(['string', ...TIME]),
};

/** cel-js operator → cel-go function name and the trait its left operand needs (interpreter evalBinary). */
const BINARY_OPERATORS: Readonly<Record<string, { fn: string; trait: ReadonlySet<string> }>> = {
  '+': { fn: '_+_', trait: TRAITS.adder },
  '-': { fn: '_-_', trait: TRAITS.subtractor },
  '*': { fn: '_*_', trait: TRAITS.multiplier },
  '/': { fn: '_/_', trait: TRAITS.divider },
  '%': { fn: '_%_', trait: TRAITS.modder },
  '<': { fn: '_<_', trait: TRAITS.comparer },
  '<=': { fn: '_<=_', trait: TRAITS.comparer },
  '>': { fn: '_>_', trait: TRAITS.comparer },
  '>=': { fn: '_>=_', trait: TRAITS.comparer },
};

// Go's error text when a value's conversion to a native Go string fails (each type's ConvertToNative): the Kyverno
// functions declared with a `dyn` parameter convert their argument themselves.
const TO_NATIVE_STRING: Readonly<Record<string, string>> = {
  null_type: "type conversion error from 'null_type' to 'string'",
  bool: "type conversion error from bool to 'string'",
  bytes: "type conversion error from Bytes to 'string'",
  double: "type conversion error from Double to 'string'",
  int: "unsupported type conversion from 'int' to string",
  uint: "unsupported type conversion from 'uint' to string",
  list: "type conversion error from list to 'string'",
  map: "type conversion error from map to 'string'",
  'google.protobuf.Duration': "type conversion error from 'Duration' to 'string'",
  'google.protobuf.Timestamp': "type conversion error from 'Timestamp' to 'string'",
};

/** A failed call as cel-go sees it: its function name and the Go type names of the receiver and arguments. */
interface FailedCall {
  readonly fn: string;
  readonly types: readonly string[];
  /** True when the regular expression argument of matches/find/findAll is a literal. */
  readonly constantPattern: boolean;
}

// Functions whose cel-go implementation does not fail through the generic overload guard
// (`no such overload: fn(types)`, common/decls MaybeNoSuchOverload).
const CALL_RULES: Readonly<Record<string, (c: FailedCall) => string | undefined>> = {
  // Declared with type guards disabled: the implementation rejects the operands itself.
  contains: () => NO_SUCH_OVERLOAD,
  startsWith: () => NO_SUCH_OVERLOAD,
  endsWith: () => NO_SUCH_OVERLOAD,
  // Singleton bindings dispatched on the first operand's trait (interpreter evalUnary/evalBinary).
  size: (c) => traitDispatch('size', TRAITS.sizer, c.types[0]),
  matches: (c) => matchesText(c.types[0], c.constantPattern),
  // Kubernetes' regex library compiles literal patterns, whose calls then fail with the bare text.
  find: (c) => (c.constantPattern ? NO_SUCH_OVERLOAD : guardText(c)),
  findAll: (c) => (c.constantPattern ? NO_SUCH_OVERLOAD : guardText(c)),
  // ext.Lists checks the receiver itself and prints `%v` of the types (common/types Type.String()).
  flatten: (c) => `${NO_SUCH_OVERLOAD}: ${typeString(c.types[0])}.flatten(${c.types.slice(1).join(', ')})`,
  // Kyverno's functions taking `dyn`: the argument's failed conversion to a Go string.
  unmarshal: (c) => (c.types[0] === 'json.Json' ? nativeStringText(c.types[1]) : guardText(c)),
  'gzip.compress': (c) => nativeStringText(c.types[0]),
};

/** cel-js's namespaced function names that cel-go knows under another name (ext.Math's macros). */
const RENAMED: Readonly<Record<string, string>> = { 'math.greatest': 'math.@max', 'math.least': 'math.@min' };

/** The cel-js AST node an error is attached to: only call nodes are looked at. */
export interface ErrorNode {
  readonly op?: string;
  readonly args?: unknown;
}

type Rule = readonly [RegExp, (m: RegExpExecArray, node: ErrorNode | undefined) => string | undefined];

// cel-js message (first line) → cel-go text; a rule returning undefined leaves the message as it is. None of the
// results matches a rule again, so translating twice (lazy variables rethrow translated text) changes nothing.
const RULES: readonly Rule[] = [
  // attributes.go missingIndex / list.go IndexOrError: cel-js reports list indexes as missing keys.
  [/^No such key: index out of bounds, index (\S+) /, (m) => indexText(m[1])],
  [/^No such key: (.*)$/s, (m) => `no such key: ${m[1]}`],
  [
    /^Expression of type '(.+)' cannot be range of a comprehension \(must be list, map, or dynamic\)\.$/,
    (m) => iterableText(m[1]),
  ],
  [/^no such overload: (\S.*?) (\+|-|\*|\/|%|<=|>=|<|>|in) (\S.*)$/, (m) => binaryText(m[1], m[2])],
  [/^no such overload: ([-!])([A-Za-z].*)$/, (m) => unaryText(m[1], m[2])],
  [/^found no matching overload for '(.*)'$/s, (m, node) => callText(m[1], node)],
  // Logical operators, conditionals and macro predicates on non-bool values (evalAnd/evalOr, conditionalAttribute).
  [/^Logical operator requires bool operands, got '.*'$/, () => NO_SUCH_OVERLOAD],
  [/^Ternary condition must be bool, got '.*'$/, () => NO_SUCH_OVERLOAD],
  [/^[\w(), ]+ predicate must return bool, got '.*'$/, () => NO_SUCH_OVERLOAD],
  // overflow.go, common/types/err.go.
  [/^integer overflow: /, () => 'integer overflow'],
  [/^Unsigned integer overflow$/, () => 'unsigned integer overflow'],
  [/^modulo by zero$/, () => 'modulus by zero'],
  // String.ConvertToType(DurationType) when time.ParseDuration fails.
  [/^Invalid duration string: /, () => conversionErrorText('string', 'google.protobuf.Duration')],
];

/** cel-go's text for a cel-js evaluation error message (one line); messages without a rule are returned unchanged. */
export function goErrorText(message: string, node?: ErrorNode): string {
  for (const [pattern, translate] of RULES) {
    const m = pattern.exec(message);
    if (m !== null) return translate(m, node) ?? message;
  }
  return message;
}

/** cel-go's runtime type name (`TypeName()`) of a cel-js type name: `null` → `null_type`, `dyn<list<int>>` → `list`. */
export function goTypeName(celJsType: string): string {
  const base = unwrapDyn(celJsType).replace(/<.*$/s, '');
  return TYPE_NAMES[base] ?? base;
}

/** Go's `%T` of the cel-go value of a cel-js type (`null` → `types.Null`); undefined when not known here. */
export function goValueTypeName(celJsType: string): string | undefined {
  return VALUE_TYPES[unwrapDyn(celJsType).replace(/<.*$/s, '')];
}

/** cel-go's failed type conversion (`int('x')`, `bool('yes')`): from and to are cel-go type names. */
export function conversionErrorText(from: string, to: string): string {
  return `type conversion error from '${from}' to '${to}'`;
}

/** cel-go's `matches` failure for a non-string text (and a literal or computed pattern). */
export function matchesText(textType: string, constantPattern: boolean): string {
  // A literal pattern is compiled once (interpreter MatchesRegexOptimization, on in Kubernetes' environments).
  if (constantPattern) return NO_SUCH_OVERLOAD;
  return traitDispatch('matches', TRAITS.matcher, textType);
}

/** Go's `%q` of a string (strconv.Quote), as cel-go prints offending inputs. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteChar(ch);
  return `${out}"`;
}

// Go keeps printable characters (unicode.IsPrint: letters, marks, numbers, punctuation, symbols, ASCII space).
function quoteChar(ch: string): string {
  const escaped = QUOTE_ESCAPES[ch];
  if (escaped !== undefined) return escaped;
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f ? ch : `\\x${hex(cp, 2)}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) return ch;
  return cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function unwrapDyn(t: string): string {
  const m = /^dyn<(.*)>$/s.exec(t);
  return m === null ? t : unwrapDyn(m[1]);
}

// Index values are printed with `%v`; a double index that is not a whole number is not an index at all.
function indexText(index: string): string {
  const n = Number(index);
  return Number.isInteger(n) ? `index out of bounds: ${index}` : `unsupported index value ${index} in list`;
}

function iterableText(celJsType: string): string | undefined {
  const goType = goValueTypeName(celJsType);
  return goType === undefined ? undefined : `got '${goType}', expected iterable type`;
}

function binaryText(left: string, op: string): string {
  // `in` is inAggregate: anything but a list or map on the right is the bare text.
  const operator = BINARY_OPERATORS[op];
  if (operator === undefined) return NO_SUCH_OVERLOAD;
  const type = goTypeName(left);
  return operator.trait.has(type) || TRAITS.receiver.has(type)
    ? NO_SUCH_OVERLOAD
    : `${NO_SUCH_OVERLOAD}: ${operator.fn}`;
}

function unaryText(op: string, operand: string): string {
  // Logical not is a singleton without a trait: it always runs, and rejects a non-bool itself.
  if (op === '!') return NO_SUCH_OVERLOAD;
  return traitDispatch('-_', TRAITS.negator, goTypeName(operand));
}

/** A singleton binding: the operand's method when it has the trait (or is a receiver), else the function name. */
function traitDispatch(fn: string, trait: ReadonlySet<string>, type: string | undefined): string {
  if (type !== undefined && (trait.has(type) || TRAITS.receiver.has(type))) return NO_SUCH_OVERLOAD;
  return `${NO_SUCH_OVERLOAD}: ${fn}`;
}

function guardText(c: FailedCall): string {
  return `${NO_SUCH_OVERLOAD}: ${c.fn}(${c.types.join(', ')})`;
}

function nativeStringText(type: string | undefined): string | undefined {
  return type === undefined ? undefined : TO_NATIVE_STRING[type];
}

// common/types Type.String(): parameterised types print their parameters (runtime maps and lists hold dyn).
function typeString(type: string | undefined): string {
  if (type === 'map') return 'map(dyn, dyn)';
  if (type === 'list') return 'list(dyn)';
  return type ?? '';
}

// cel-js: `found no matching overload for 'receiver.name(arg types)'` (or `'name(arg types)'`).
function callText(call: string, node: ErrorNode | undefined): string | undefined {
  const m = /^(?:(.+)\.)?([A-Za-z_]\w*)\((.*)\)$/s.exec(call);
  if (m === null) return undefined;
  const [, receiver, name, argList] = m;
  const args = splitTypes(argList).map(goTypeName);
  const namespace = receiver === undefined ? undefined : namespaceOf(receiver);
  let fn = name;
  let types = args;
  if (namespace !== undefined) fn = `${namespace}.${name}`;
  else if (receiver !== undefined) types = [goTypeName(receiver), ...args];
  fn = RENAMED[fn] ?? fn;
  const failed: FailedCall = { fn, types, constantPattern: isConstantPattern(node) };
  return (CALL_RULES[fn] ?? guardText)(failed);
}

// Function namespaces are receiver types in Tollgate (`MathNamespace`, `kyverno.hashNamespace`, `kyverno.Time`) and
// part of the function name in cel-go (`math.round`).
function namespaceOf(receiverType: string): string | undefined {
  if (receiverType === 'kyverno.Time') return 'time';
  const m = /^(?:kyverno\.)?(\w+)Namespace$/.exec(receiverType);
  return m === null ? undefined : m[1][0].toLowerCase() + m[1].slice(1);
}

/** Splits `a, map<b, c>, d` at the top-level commas. */
function splitTypes(list: string): string[] {
  if (list.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts;
}

// The pattern of `s.find(re)` (receiver call: first argument) or `matches(s, re)` (global call: second argument).
function isConstantPattern(node: ErrorNode | undefined): boolean {
  const args = node?.args;
  if (!Array.isArray(args)) return false;
  const argNodes = (node?.op === 'rcall' ? args[2] : node?.op === 'call' ? args[1] : undefined) as unknown;
  if (!Array.isArray(argNodes)) return false;
  const pattern = argNodes[node?.op === 'rcall' ? 0 : 1] as ErrorNode | undefined;
  return pattern?.op === 'value';
}
