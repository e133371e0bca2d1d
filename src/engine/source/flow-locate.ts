// Locating a path inside YAML flow nodes (`{a: 1, b: [x, y]}`, JSON documents, quoted scalars), possibly spread
// over several lines, by scanning the text once without building values. Answers `undefined` for what it
// does not understand (complex `?` keys, aliases or properties as keys, undecodable escapes).
import type { JsonPath } from '../result/location.js';

/** 0-based line and column of a located node. */
export interface LinePos {
  readonly line: number;
  readonly column: number;
}

/** The deepest node found along a path; null when not even the first segment exists, undefined when unsure. */
export type Located = LinePos | null | undefined;

/** A read position in a document's lines; `ch` is '\n' at the end of a line and '' at the end of the text. */
export class Cursor {
  constructor(
    private readonly lines: readonly string[],
    public line: number,
    public col: number,
  ) {}

  get ch(): string {
    const text = this.lines[this.line];
    if (text === undefined) return '';
    return this.col < text.length ? text[this.col] : '\n';
  }

  /** The character `n` places ahead on the current line ('\n' past its end). */
  peek(n: number): string {
    return this.lines[this.line]?.[this.col + n] ?? '\n';
  }

  advance(): void {
    if (this.ch === '\n') {
      this.line++;
      this.col = 0;
    } else this.col++;
  }

  pos(): LinePos {
    return { line: this.line, column: this.col };
  }

  /** Skip white space, line breaks and comments. */
  skipSpace(): void {
    for (let c = this.ch; c !== ''; c = this.ch) {
      if (c === '#') this.col = this.lines[this.line].length;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return;
      this.advance();
    }
  }
}

const FLOW_INDICATOR = /[,[\]{}]/;
const SPACE = /[ \t\r\n]/;

/**
 * Where `path` from segment `k` on leads inside the flow collection at `at` (its `{` or `[`); `found` is the
 * deepest node found before it (answered when the collection holds nothing deeper).
 */
export function flowLocate(
  lines: readonly string[],
  at: LinePos,
  path: JsonPath,
  k = 0,
  found: LinePos | null = null,
): Located {
  return within(new Cursor(lines, at.line, at.column), path, k, found);
}

function within(cur: Cursor, path: JsonPath, k: number, found: LinePos | null): Located {
  const seg = path[k];
  const open = cur.ch;
  const hit =
    open === '{' ? findFlowKey(cur, seg) : open === '[' && typeof seg === 'number' ? findFlowItem(cur, seg) : null;
  if (hit === undefined) return undefined;
  if (hit === null) return found;
  if (k === path.length - 1) return hit;
  return cur.ch === '{' || cur.ch === '[' ? within(cur, path, k + 1, hit) : hit; // a scalar has nothing deeper
}

// The entry of a flow mapping whose key is `key`; the cursor is left on the entry's value.
function findFlowKey(cur: Cursor, key: string | number): Located {
  cur.advance();
  for (;;) {
    cur.skipSpace();
    const c = cur.ch;
    if (c === '}' || c === ']') return null;
    if (c === '') return undefined;
    if (c === ',') {
      cur.advance();
      continue;
    }
    const at = cur.pos();
    const text = readKey(cur);
    if (text === undefined || (cur.line === at.line && cur.col === at.column)) return undefined;
    cur.skipSpace();
    if (cur.ch === ':') {
      cur.advance();
      skipProperties(cur);
    }
    if (text === key) return at;
    if (cur.ch !== ',' && cur.ch !== '}' && !skipNode(cur)) return undefined;
  }
}

// The `index`th item of a flow sequence; the cursor is left on the item's content.
function findFlowItem(cur: Cursor, index: number): Located {
  cur.advance();
  for (let n = 0; ; n++) {
    skipProperties(cur);
    const c = cur.ch;
    if (c === ']' || c === '}') return null;
    if (c === '') return undefined;
    if (n === index) return cur.pos();
    const at = cur.pos();
    if (!skipNode(cur) || (cur.line === at.line && cur.col === at.column)) return undefined;
    cur.skipSpace();
    if (cur.ch === ':') {
      // An implicit single-pair mapping (`[a: 1]`): skip its value too.
      cur.advance();
      if (!skipNode(cur)) return undefined;
      cur.skipSpace();
    }
    if (cur.ch === ',') cur.advance();
  }
}

// A key's text; a collection or an alias as key gets a text no path segment has; undefined when unsure.
function readKey(cur: Cursor): string | undefined {
  const c = cur.ch;
  if (c === '"' || c === "'") return readQuoted(cur);
  if (c === '{' || c === '[' || c === '*') return skipNode(cur) ? COMPLEX_KEY : undefined;
  if (c === '?' || c === '&' || c === '!') return undefined;
  return readPlain(cur);
}

const COMPLEX_KEY = '\u0000complex key';

/** Skip anchors and tags (`&a`, `!!str`) and the space after them. */
export function skipProperties(cur: Cursor): void {
  const inProperty = (c: string) => c !== '' && !SPACE.test(c) && !FLOW_INDICATOR.test(c);
  for (cur.skipSpace(); cur.ch === '&' || cur.ch === '!'; cur.skipSpace()) {
    while (inProperty(cur.ch)) cur.advance();
  }
}

/** Skip one node (after its properties): a flow collection, a quoted or plain scalar, an alias. */
export function skipNode(cur: Cursor): boolean {
  skipProperties(cur);
  const c = cur.ch;
  if (c === '{' || c === '[') return skipCollection(cur);
  if (c === '"' || c === "'") {
    readQuoted(cur, true);
    return true;
  }
  const { line, col } = cur;
  readPlain(cur);
  return cur.line !== line || cur.col !== col;
}

function skipCollection(cur: Cursor): boolean {
  const close = cur.ch === '{' ? '}' : ']';
  cur.advance();
  for (;;) {
    cur.skipSpace();
    const c = cur.ch;
    if (c === close) {
      cur.advance();
      return true;
    }
    if (c === '' || c === '}' || c === ']') return false;
    if (c === ',' || c === ':' || c === '?') cur.advance();
    else if (!skipNode(cur)) return false;
  }
}

/**
 * A quoted scalar's value, the cursor left after its closing quote. Undefined when it spans lines or uses
 * escapes JSON does not have: keys like that are left to the full parser.
 */
export function readQuoted(cur: Cursor, skipOnly = false): string | undefined {
  const quote = cur.ch;
  let raw = '';
  let multiLine = false;
  cur.advance();
  for (let c = cur.ch; c !== ''; c = cur.ch) {
    if (c === '\n') multiLine = true;
    if (quote === "'" && c === "'" && cur.peek(1) === "'") {
      raw += "'";
      cur.advance();
    } else if (c === quote) {
      cur.advance();
      return skipOnly || multiLine ? undefined : decode(quote, raw);
    } else if (quote === '"' && c === '\\') {
      raw += c;
      cur.advance();
      raw += cur.ch;
    } else raw += c;
    cur.advance();
  }
  return undefined;
}

function decode(quote: string, raw: string): string | undefined {
  if (quote === "'") return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/** A plain scalar in flow context (possibly over several lines, folded); the cursor is left after it. */
function readPlain(cur: Cursor): string {
  let text = '';
  for (;;) {
    const c = cur.ch;
    if (c === '' || FLOW_INDICATOR.test(c)) break;
    if (c === ':' && (SPACE.test(cur.peek(1)) || FLOW_INDICATOR.test(cur.peek(1)))) break;
    if (c === '#' && (text === '' || SPACE.test(text[text.length - 1]))) break;
    if (c === '\n') {
      // A plain scalar goes on over a line break unless what follows ends it.
      const line = cur.line;
      cur.skipSpace();
      if (cur.line === line || cur.ch === '' || /[,[\]{}:#]/.test(cur.ch)) break;
      text = `${text.trimEnd()} `;
      continue;
    }
    text += c;
    cur.advance();
  }
  return text.trim();
}
