// Kyverno: kyaml's InvalidNodeKindError prints the node with kyaml.String, i.e. yaml.v3's encoder (no line width, so
// nothing wraps). Kyverno builds every node it patches by parsing Go's JSON, so yaml.v3 holds maps and lists in flow
// style and strings and keys double-quoted; this is that rendering (go.yaml.in/yaml/v3 emitterc.go).
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { compareByCodePoint, formatGoJsonNumber } from '../../primitives/go-json.js';

/** How to render a node. */
export interface NodeTextOptions {
  /** Keys in Go's sorted order: the resource's nodes, which Kyverno parsed from JSON written from a Go map. */
  readonly sortKeys?: boolean;
}

/** The text yaml.v3 writes for a node that came from JSON, ending in a newline (kyaml RNode.String). */
export function nodeText(v: JsonValue, options: NodeTextOptions = {}): string {
  return flow(v, options.sortKeys === true) + '\n';
}

function flow(v: JsonValue, sortKeys: boolean): string {
  if (Array.isArray(v)) return `[${v.map((e) => flow(e, sortKeys)).join(', ')}]`;
  if (isObject(v)) {
    const entries = keysOf(v, sortKeys).map((k) => entry(k, v[k], sortKeys));
    return `{${entries.join(', ')}}`;
  }
  if (typeof v === 'string') return doubleQuoted(v);
  if (typeof v === 'number') return formatGoJsonNumber(v);
  return v === null ? 'null' : String(v);
}

function keysOf(v: JsonObject, sortKeys: boolean): string[] {
  const keys = Object.keys(v);
  return sortKeys ? keys.sort(compareByCodePoint) : keys;
}

/** A flow mapping entry; keys that cannot be simple keys take the explicit `? key : value` form. */
function entry(key: string, value: JsonValue, sortKeys: boolean): string {
  const k = doubleQuoted(key);
  const v = flow(value, sortKeys);
  return isSimpleKey(key) ? `${k}: ${v}` : `? ${k} : ${v}`;
}

// yaml_emitter_check_simple_key: at most 128 bytes of UTF-8 and no line break.
const SIMPLE_KEY_MAX_BYTES = 128;
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

function isSimpleKey(key: string): boolean {
  return !LINE_BREAK.test(key) && utf8Length(key) <= SIMPLE_KEY_MAX_BYTES;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = isLoneSurrogate(ch) ? 0xfffd : (ch.codePointAt(0) as number);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

/** yaml_emitter_write_double_quoted_scalar (unicode on, no width). */
function doubleQuoted(s: string): string {
  // yaml.v3's is_bom looks at the value's first bytes, not the current ones: a leading BOM escapes every character.
  const escapeAll = s.startsWith('\ufeff');
  let out = '"';
  for (const ch of s) {
    // A lone surrogate is what Go's JSON writes as U+FFFD.
    const c = isLoneSurrogate(ch) ? 0xfffd : (ch.codePointAt(0) as number);
    out += escapeAll || needsEscape(c) ? escape(c) : String.fromCodePoint(c);
  }
  return out + '"';
}

function isLoneSurrogate(ch: string): boolean {
  return ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff;
}

/** Not printable (yaml.v3 is_printable), a line break, or a quote or backslash. */
function needsEscape(c: number): boolean {
  if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) return true;
  const printable =
    (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
  // Characters beyond the BMP count as non-printable: is_printable has no case for 4-byte UTF-8.
  return !printable;
}

function escape(c: number): string {
  const short = SHORT_ESCAPES.get(c);
  if (short !== undefined) return `\\${short}`;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (c <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
