// YAML in block style, written in pieces (StreamedList values become sequences written item by item). A report of a
// large repository holds hundreds of thousands of results: the `yaml` library builds a node for every one of them
// before it writes a character (measured: 39 s and 2 GB for 270,000 results), so reports are written here.
//
// Only the scalars decide whether the text reads back as written, so they are kept to two safe forms: a word that
// no YAML 1.1 or 1.2 parser reads as anything but that string (`apps/v1`, `disallow-latest-tag`) is plain, and any
// other string is double-quoted with JSON's escapes (valid YAML), plus escapes for the characters YAML does not
// allow raw or reads as line breaks.
import { holdsStream, StreamedList } from './chunks.js';

/** The YAML text of a JSON value (each StreamedList a sequence), in pieces; ends with a line break. */
export function* yamlChunks(value: unknown): Generator<string> {
  if (isSequence(value)) yield* prefixed('', sequenceChunks(value, '', false), '[]\n');
  else yield* valueChunks(value, '', false);
}

type Sequence = readonly unknown[] | StreamedList;

function isSequence(v: unknown): v is Sequence {
  return Array.isArray(v) || v instanceof StreamedList;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !isSequence(v);
}

// A map or scalar at `pad`. `inline`: the first line continues a `- ` already written, so it takes no indentation.
// Only the parts that hold a StreamedList are written in pieces; the rest is one string per item.
function* valueChunks(v: unknown, pad: string, inline: boolean): Generator<string> {
  if (!isMap(v) || !holdsStream(v)) {
    yield isMap(v) ? mapText(v, pad, inline) : scalar(v) + '\n';
    return;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const x = v[key];
    if (x === undefined || typeof x === 'function') continue;
    const head = (first && inline ? '' : pad) + scalar(key) + ':';
    first = false;
    if (isSequence(x) && holdsStream(x))
      yield* prefixed(head + '\n', sequenceChunks(x, pad + '  ', false), head + ' []\n');
    else if (isMap(x) && holdsStream(x)) yield* prefixed(head + '\n', valueChunks(x, pad + '  ', false));
    else yield head + afterKeyText(x, pad);
  }
}

function* sequenceChunks(seq: Sequence, pad: string, inline: boolean): Generator<string, boolean> {
  let first = true;
  const items = seq instanceof StreamedList ? mapped(seq) : seq;
  for (const item of items) {
    const head = (first && inline ? '' : pad) + '-';
    first = false;
    const v = item === undefined || typeof item === 'function' ? null : item;
    if (isSequence(v) && holdsStream(v))
      yield* prefixed(head + ' ', sequenceChunks(v, pad + '  ', true), head + ' []\n');
    else if (isMap(v) && holdsStream(v)) yield* prefixed(head + ' ', valueChunks(v, pad + '  ', true));
    else yield head + itemText(v, pad);
  }
  return !first;
}

function* mapped(list: StreamedList): Generator<unknown> {
  for (const item of list.items) yield list.map(item);
}

// `prefix` joined to the first piece of `body`; `empty` instead when a sequence body turns out to have no items.
function* prefixed(prefix: string, body: Generator<string, boolean | void>, empty = ''): Generator<string> {
  let next = body.next();
  if (next.done) {
    if (next.value === false) yield empty;
    return;
  }
  yield prefix + next.value;
  for (next = body.next(); !next.done; next = body.next()) yield next.value;
}

// The parts without streams, as strings.

function mapText(map: Record<string, unknown>, pad: string, inline: boolean): string {
  let out = '';
  for (const key of Object.keys(map)) {
    const v = map[key];
    if (v === undefined || typeof v === 'function') continue;
    out += (out === '' && inline ? '' : pad) + scalar(key) + ':' + afterKeyText(v, pad);
  }
  return out === '' ? (inline ? '' : pad) + '{}\n' : out;
}

// What follows `key:`: the scalar on the same line, or the nested block below it.
function afterKeyText(v: unknown, pad: string): string {
  if (Array.isArray(v)) return v.length === 0 ? ' []\n' : '\n' + sequenceText(v, pad + '  ', false);
  if (isMap(v)) return hasMembers(v) ? '\n' + mapText(v, pad + '  ', false) : ' {}\n';
  return ' ' + scalar(v) + '\n';
}

function sequenceText(seq: readonly unknown[], pad: string, inline: boolean): string {
  let out = '';
  for (const item of seq) out += (out === '' && inline ? '' : pad) + '-' + itemText(item, pad);
  return out;
}

// What follows `-`: a scalar or an empty collection on the same line, or a collection starting on it.
function itemText(v: unknown, pad: string): string {
  if (Array.isArray(v)) return v.length === 0 ? ' []\n' : ' ' + sequenceText(v, pad + '  ', true);
  if (isMap(v)) return hasMembers(v) ? ' ' + mapText(v, pad + '  ', true) : ' {}\n';
  // JSON.stringify writes null for an array item it cannot represent.
  return ' ' + scalar(v === undefined || typeof v === 'function' ? null : v) + '\n';
}

function hasMembers(map: Record<string, unknown>): boolean {
  for (const key of Object.keys(map)) if (map[key] !== undefined && typeof map[key] !== 'function') return true;
  return false;
}

// Words YAML 1.1 reads as booleans or null; YAML 1.2 adds none that start with a letter.
const RESERVED = new Set(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL'.split(' '),
);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
// A float without mantissa digits (`e0`): the `yaml` library's YAML 1.1 schema reads it as a number.
const EXPONENT = /^[eE][-+]?\d/;
// Characters JSON leaves raw that YAML does not allow raw, or (YAML 1.1) reads as line breaks: C1 controls, NEL,
// the line and paragraph separators, the byte order mark, non-characters and lone surrogates.
const UNSAFE =
  /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function scalar(v: unknown): string {
  if (typeof v === 'string') {
    if (PLAIN.test(v) && !RESERVED.has(v) && !EXPONENT.test(v)) return v;
    return JSON.stringify(v).replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v !== v ? '.nan' : v > 0 ? '.inf' : '-.inf';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}
