// A fast locator for the YAML Kubernetes manifests are written in: walks the lines by indentation to find the
// key or list item at a path, and hands flow collections (`{}`, `[]`, JSON) to flow-locate.ts. It answers
// `undefined` whenever the text uses something it does not understand (complex `?` keys, anchors or tags on
// keys, tabs in indentation), and the caller then asks the full parser. Checked against the full parser by a
// differential test over every YAML fixture of the repository.
import type { JsonPath } from '../result/location.js';
import { Cursor, flowLocate, readQuoted, skipNode, skipProperties, type LinePos, type Located } from './flow-locate.js';

interface Region {
  readonly from: number;
  readonly to: number;
  /** Column of the entries of this region; -1 = the first content line decides. */
  readonly indent: number;
  /** The region starts on a `- ` line whose first entry follows the dash, at column `indent`. */
  readonly dashLine: boolean;
}

/** What a step along the path found: the node's position and where its value is. */
interface Hit {
  readonly line: number;
  readonly column: number;
  /** The value's lines, when it is a block collection. */
  readonly next?: Region;
  /** The value's `{` or `[`, when it is a flow collection. */
  readonly flow?: LinePos;
  /** Nothing deeper can be told apart without the full parser. */
  readonly unsure?: boolean;
}

type Step = Hit | null | undefined;

// Column of a line's content, or one of these (a locate walks many lines: no regular expressions here).
const NO_CONTENT = -1; // blank, or only a comment
const TAB_INDENT = -2; // indented with a tab, which YAML forbids: leave it to the parser

function contentColumn(line: string): number {
  for (let c = 0; c < line.length; c++) {
    const code = line.charCodeAt(c);
    if (code === 32 || code === 13) continue; // space, the CR of a CRLF line end
    if (code === 9) return line.slice(c).trim() === '' ? NO_CONTENT : TAB_INDENT;
    return code === 35 ? NO_CONTENT : c; // '#'
  }
  return NO_CONTENT;
}
const PROPERTIES = /^(?:[&!]\S*(?:\s+|$))*/;

/** The lines of one YAML document, each line's content column worked out once: a locate passes a line several times
 *  (once per level it skips or enters), and a failing resource's results are located one after another. */
export class DocumentLines {
  // Per line, once worked out: its content column, NO_CONTENT or TAB_INDENT. A plain array: a typed array costs
  // more to create than a document's few lookups save.
  readonly #columns: number[] = [];

  constructor(readonly lines: readonly string[]) {}

  /** Column of line i's content, NO_CONTENT or TAB_INDENT. */
  column(i: number): number {
    return (this.#columns[i] ??= contentColumn(this.lines[i]));
  }
}

/**
 * The position of the deepest existing node along `path` (the root when none), or undefined when unsure.
 * `doc` holds the lines of one YAML document.
 */
export function quickLocate(doc: DocumentLines, path: JsonPath): Located {
  let region: Region = { from: 0, to: doc.lines.length, indent: -1, dashLine: false };
  let found: LinePos | null = null;
  for (let k = 0; k < path.length; k++) {
    const flow = flowStart(doc, region);
    if (flow) return flowLocate(doc.lines, flow, path, k, found);
    const seg = path[k];
    const hit = typeof seg === 'number' ? findItem(doc, region, seg) : findKey(doc, region, seg);
    if (hit === undefined) return undefined;
    if (hit === null) return found;
    found = { line: hit.line, column: hit.column };
    if (k === path.length - 1) return found;
    if (hit.flow) return flowLocate(doc.lines, hit.flow, path, k + 1, found);
    if (hit.unsure) return undefined;
    if (!hit.next) return found; // a scalar or an alias: nothing deeper
    region = hit.next;
  }
  return found;
}

/** The `{` or `[` that starts a region written as a flow collection (a JSON document, `key:\n  {...}`). */
function flowStart(doc: DocumentLines, region: Region): LinePos | undefined {
  if (region.dashLine) return undefined; // findItem has looked at the dash line's content
  for (let i = region.from; i < region.to; i++) {
    if (doc.column(i) === NO_CONTENT) continue;
    const cur = new Cursor(doc.lines, i, 0);
    skipProperties(cur); // `key:\n  &anchor {...}`
    return cur.ch === '{' || cur.ch === '[' ? cur.pos() : undefined;
  }
  return undefined;
}

/** Content column of line i within a region (after the dash of a dash-started region). */
function entryColumn(doc: DocumentLines, i: number, region: Region): number {
  return i === region.from && region.dashLine ? region.indent : doc.column(i);
}

// What a line is to a region: the column of one of its entries, or one of these.
const SKIP = -1; // blank, a comment, or deeper (part of an entry's value)
const END = -2; // left of the region's column: the region is over
const UNSURE = -3; // indented with a tab

/** Reads lines as entries of `region`; its column is the first entry's when the region does not say. */
function entryScan(doc: DocumentLines, region: Region): (i: number) => number {
  let indent = region.indent;
  return (i) => {
    const col = entryColumn(doc, i, region);
    if (col === NO_CONTENT) return SKIP;
    if (col === TAB_INDENT) return UNSURE;
    if (indent === -1) indent = col;
    return col < indent ? END : col > indent ? SKIP : col;
  };
}

function findKey(doc: DocumentLines, region: Region, key: string): Step {
  const scan = entryScan(doc, region);
  let first = true;
  for (let i = region.from; i < region.to; i++) {
    const col = scan(i);
    if (col === SKIP) continue;
    if (col === END) return null;
    if (col === UNSURE) return undefined;
    // The line is read where it stands, not sliced: a locate passes every key on the way to its field.
    const line = doc.lines[i];
    if (isDashAt(line, col)) return first ? null : undefined; // a sequence has no keys; a dash among keys: unsure
    first = false;
    const entry = entryAt(doc, i, col, key);
    if (!entry) return undefined;
    const value = valueOf(doc, i, entry.valueAt, col, region.to);
    if (value === undefined) return undefined;
    if (entry.isKey) return { line: i, column: col, ...value };
    i = value.end - 1; // skip the value's lines
  }
  return null;
}

/**
 * The mapping entry starting at column `col` of line i: the column its value starts at, and whether its key is
 * `key`; undefined when unsure.
 */
function entryAt(
  doc: DocumentLines,
  i: number,
  col: number,
  key: string,
): { valueAt: number; isKey: boolean } | undefined {
  const line = doc.lines[i];
  const first = line.charCodeAt(col);
  if (first === 34 || first === 39) {
    // `"` or `'`: a quoted key
    const cur = new Cursor(doc.lines, i, col);
    const quoted = readQuoted(cur);
    const m = /^[ \t]*:(?=\s|$)/.exec(line.slice(cur.col));
    if (quoted === undefined || cur.line !== i || !m) return undefined;
    return { valueAt: cur.col + m[0].length, isKey: quoted === key };
  }
  if (KEY_REFUSED.includes(line[col])) return undefined; // complex keys, properties on keys, stray indicators
  const colon = keyColon(line, col);
  if (colon < 0) return undefined;
  // The plain key is the text before the colon, trailing white space trimmed (as trimEnd would).
  let end = colon;
  while (end > col && isSpaceCode(line.charCodeAt(end - 1))) end--;
  return { valueAt: colon + 1, isKey: end - col === key.length && line.startsWith(key, col) };
}

// Characters a plain key cannot start with here (an entry's column always holds content).
const KEY_REFUSED = '?{[&*!|>%@`]},#';

// The first `:` from column `from` followed by white space or the end of the line (the `/:(\s|$)/` of a plain key),
// or -1.
function keyColon(line: string, from: number): number {
  for (let at = line.indexOf(':', from); at >= 0; at = line.indexOf(':', at + 1)) {
    if (at + 1 === line.length || isSpaceCode(line.charCodeAt(at + 1))) return at;
  }
  return -1;
}

// What `\s` matches among the characters a YAML line can hold.
function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 10 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x1680 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * A key's value that starts at column `at` of line i: a block collection on later lines, a flow collection,
 * or a scalar; `end` is the first line after it. Undefined when unsure.
 */
function valueOf(
  doc: DocumentLines,
  i: number,
  at: number,
  keyCol: number,
  to: number,
): { next?: Region; flow?: LinePos; end: number } | undefined {
  // A plain scalar on the key's line (most values) has nothing deeper.
  if (plainValueAt(doc.lines[i], at)) return { end: blockEnd(doc, i + 1, keyCol, to, false) };
  const after = doc.lines[i].slice(at);
  const inline = (after.includes('#') ? after.replace(/(^|\s+)#.*$/, '') : after).trim();
  const content =
    inline[0] === '&' || inline[0] === '!' ? inline.slice(PROPERTIES.exec(inline)?.[0].length ?? 0) : inline;
  if (content === '') {
    // A block collection on later lines.
    const end = blockEnd(doc, i + 1, keyCol, to, false);
    return { next: { from: i + 1, to: end, indent: -1, dashLine: false }, end };
  }
  if (/^[[{"']/.test(content)) {
    // A flow collection or a quoted scalar, possibly over several lines.
    const cur = new Cursor(doc.lines, i, at);
    skipProperties(cur);
    const start = cur.pos();
    if (!skipNode(cur)) return undefined;
    const flow = content[0] === '{' || content[0] === '[' ? start : undefined;
    return { flow, end: Math.max(cur.line + 1, blockEnd(doc, i + 1, keyCol, to, false)) };
  }
  return { end: blockEnd(doc, i + 1, keyCol, to, false) };
}

// Most values are plain scalars on the key's line: tell them apart without regular expressions (or a slice).
function plainValueAt(line: string, at: number): boolean {
  let c = at;
  while (line.charCodeAt(c) === 32) c++;
  return c > at && c < line.length && !'#&![{"\'|>*'.includes(line[c]);
}

function findItem(doc: DocumentLines, region: Region, index: number): Step {
  const scan = entryScan(doc, region);
  let seen = -1;
  for (let i = region.from; i < region.to; i++) {
    const col = scan(i);
    if (col === SKIP) continue;
    if (col === END) return null;
    if (col === UNSURE) return undefined;
    if (!isDashAt(doc.lines[i], col)) return null;
    const end = blockEnd(doc, i + 1, col, region.to, true);
    if (++seen < index) {
      i = end - 1;
      continue;
    }
    return itemAt(doc, i, col, doc.lines[i].slice(col), end);
  }
  return null;
}

/** The item whose dash is at column `col` of line i; its lines end before `end`. */
function itemAt(doc: DocumentLines, i: number, col: number, rest: string, end: number): Step {
  const afterDash = rest.slice(1);
  const gap = afterDash.search(/\S/);
  const props = gap < 0 ? '' : (PROPERTIES.exec(afterDash.slice(gap))?.[0] ?? '');
  const content = gap < 0 ? '' : afterDash.slice(gap + props.length);
  if (content === '' || content.startsWith('#')) {
    // The content starts on a later line: the parser places the item there.
    const first = firstContent(doc, i + 1, end);
    if (first === undefined) return { line: i, column: col + 1 + Math.max(gap, 1) };
    const next = { from: i + 1, to: end, indent: -1, dashLine: false };
    return { line: first, column: doc.column(first), next };
  }
  const column = col + 1 + gap + props.length;
  if (content[0] === '{' || content[0] === '[') return { line: i, column, flow: { line: i, column } };
  if (/^[|>*]/.test(content)) return { line: i, column }; // a block scalar or an alias: nothing deeper
  if (props !== '') return { line: i, column, unsure: true };
  return { line: i, column, next: { from: i, to: end, indent: column, dashLine: true } };
}

function firstContent(doc: DocumentLines, from: number, to: number): number | undefined {
  for (let j = from; j < to; j++) if (doc.column(j) !== NO_CONTENT) return j;
  return undefined;
}

// `-` then the end of the line, a space or a tab, at column `col`.
function isDashAt(line: string, col: number): boolean {
  if (line.charCodeAt(col) !== 45) return false; // '-'
  const next = line.charCodeAt(col + 1);
  return col + 1 === line.length || next === 32 || next === 9;
}

/** First line at or after `from` that leaves a block opened at column `col`. */
function blockEnd(doc: DocumentLines, from: number, col: number, to: number, isItem: boolean): number {
  for (let j = from; j < to; j++) {
    const line = doc.lines[j];
    let c = doc.column(j);
    if (c === NO_CONTENT) continue;
    if (c === TAB_INDENT) c = line.search(/\S/); // a tab in a block scalar's text
    if (c < col) return j;
    // A key's list value may sit at the key's own column; an item ends at the next item or key.
    if (c === col && (isItem || !isDashAt(line, c))) return j;
  }
  return to;
}
