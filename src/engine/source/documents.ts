// YAML/JSON text → documents that remember where every field came from.
// Values come from js-yaml (fast); source positions from the `yaml` parser, built only when asked for.
import jsyaml from 'js-yaml';
import { LineCounter, isNode, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JsonPath, SourcePos } from '../result/location.js';
import { DocumentLines, quickLocate } from './quick-locate.js';
import type { StringPool } from './string-pool.js';

/** One YAML document of a file, with its plain value and a way back to file:line. */
export interface SourceDocument {
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  /** The document's value as plain JSON (numbers are doubles). */
  readonly value: JsonValue;
  /** Where the document starts. */
  readonly pos: SourcePos;
  /** The position of the field at `path`, or of its nearest existing parent. */
  locate(path: JsonPath): SourcePos;
}

/** A problem found while reading a file, with its position. */
export interface SourceError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `file:line: message` (`file: message` when the line is unknown). */
export function renderSourceError(e: Pick<SourceError, 'file' | 'line' | 'message'>): string {
  return `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;
}

/** The documents of one file and the syntax errors that kept others out. */
export interface ParsedFile {
  readonly documents: SourceDocument[];
  readonly errors: SourceError[];
}

/**
 * Parse a multi-document YAML (or JSON) text; empty documents are dropped. With a pool, the values' strings are
 * shared with the other files read into it.
 */
export function parseDocuments(text: string, file: string, pool?: StringPool): ParsedFile {
  return fastParse(text, file, pool) ?? fullParse(text, file);
}

interface Slice {
  /** Offsets of the slice in the file's text. */
  readonly start: number;
  readonly end: number;
  /** 0-based line where the slice starts in the file. */
  readonly firstLine: number;
}

// The fast path: js-yaml values for each `---`-separated slice. Anything unusual (directives, `...`,
// content after `---`, a parse error, a count mismatch) falls back to the full parser, which also
// gives the error positions.
function fastParse(text: string, file: string, pool: StringPool | undefined): ParsedFile | undefined {
  const slices = splitDocuments(text);
  if (!slices) return undefined;
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, listener: pool && internScalars(pool) });
  } catch {
    return undefined;
  }
  if (values.length !== slices.length) return undefined;
  const documents: SourceDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    documents.push(textDocument(text, slices[index], value as JsonValue, file, index));
  });
  return { documents, errors: [] };
}

// js-yaml calls the listener when it closes each node, before the node's value is stored: a string value can be
// swapped for the pool's equal copy there.
function internScalars(pool: StringPool): jsyaml.LoadOptions['listener'] {
  return (event, state) => {
    if (event === 'close' && typeof state.result === 'string') state.result = pool.intern(state.result);
  };
}

const MARKER = /^---\s*(#.*)?$/;
const BLANK = /^\s*(#.*)?$/;
// Lines that start, end or direct a document; every other line belongs to the current slice.
const BOUNDARY = /^(?:---|\.\.\.|%)/gm;

/** Split at `---` lines; undefined when the text uses constructs the fast path does not handle. */
function splitDocuments(text: string): Slice[] | undefined {
  const slices: Slice[] = [];
  let start = 0;
  let startLine = 0;
  let explicitStart = false;
  const lines = new LineTally(text);
  for (const m of text.matchAll(BOUNDARY)) {
    const at = m.index;
    const eol = lineEnd(text, at);
    const line = text.slice(at, eol);
    if (line.startsWith('%') || /^\.\.\.\s*$/.test(line)) return undefined;
    if (!line.startsWith('---')) continue;
    if (!MARKER.test(line)) return undefined;
    pushSlice(slices, text, { start, end: Math.max(start, at - 1), firstLine: startLine }, explicitStart);
    start = eol + 1;
    startLine = lines.lineOf(at) + 1;
    explicitStart = true;
  }
  pushSlice(slices, text, { start, end: text.length, firstLine: startLine }, explicitStart);
  return slices;
}

function pushSlice(slices: Slice[], text: string, slice: Slice, explicitStart: boolean): void {
  // Comments and blank lines before the first `---` are not a document, and a file without content has none.
  if (!explicitStart && slices.length === 0 && !firstContent(text, slice)) return;
  slices.push(slice);
}

function lineEnd(text: string, at: number): number {
  const eol = text.indexOf('\n', at);
  return eol < 0 ? text.length : eol;
}

// The first line of a slice with content (0-based line and column); undefined when it has only blanks and comments.
function firstContent(text: string, slice: Slice): { line: number; column: number } | undefined {
  let line = slice.firstLine;
  for (let at = slice.start; at < slice.end; at = lineEnd(text, at) + 1, line++) {
    const content = text.slice(at, Math.min(lineEnd(text, at), slice.end));
    if (!BLANK.test(content)) return { line, column: content.search(/\S/) };
  }
  return undefined;
}

/** Counts line breaks forwards from the last offset asked about. */
class LineTally {
  private at = 0;
  private line = 0;

  constructor(private readonly text: string) {}

  /** The 0-based line of `offset` (offsets must not decrease). */
  lineOf(offset: number): number {
    for (let nl = this.text.indexOf('\n', this.at); nl >= 0 && nl < offset; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.at = nl + 1;
    }
    return this.line;
  }
}

// A document read by the fast path keeps its file's text (shared by the file's documents, and mostly kept alive
// by the values' strings anyway) and its slice's offsets: no lines are kept, they are cut when a position is
// asked for, which only failing results do. A plain object: drivers copy documents with spreads.
function textDocument(text: string, slice: Slice, value: JsonValue, file: string, index: number): SourceDocument {
  const first = firstContent(text, slice);
  const pos = { file, line: (first?.line ?? slice.firstLine) + 1, column: (first?.column ?? 0) + 1 };
  let fallback: ((path: JsonPath) => SourcePos) | undefined;
  const locate = (path: JsonPath): SourcePos => {
    if (fallback) return fallback(path);
    const quick = quickLocate(linesOf(text, slice), path);
    if (quick === null) return pos;
    if (quick) return { file, line: slice.firstLine + quick.line + 1, column: quick.column + 1 };
    // Syntax the fast locator does not follow (complex keys, properties on keys): parse this document alone.
    const counter = new LineCounter();
    const doc = parseDocument(text.slice(slice.start, slice.end), { lineCounter: counter });
    fallback = locator(doc, counter, file, slice.firstLine, pos);
    return fallback(path);
  };
  return { file, index, value, pos, locate };
}

// The lines of the document located last. A resource's failing results are located one after another, so they
// share one split of its text; keeping every located document's lines would hold megabytes over a large repository.
let lastLocated: { readonly slice: Slice; readonly lines: DocumentLines } | undefined;

function linesOf(text: string, slice: Slice): DocumentLines {
  if (lastLocated?.slice !== slice)
    lastLocated = { slice, lines: new DocumentLines(text.slice(slice.start, slice.end).split('\n')) };
  return lastLocated.lines;
}

// The full parser: every document with positions, and syntax errors with file:line.
function fullParse(text: string, file: string): ParsedFile {
  const counter = new LineCounter();
  const documents: SourceDocument[] = [];
  const errors: SourceError[] = [];
  const docs = parseAllDocuments(text, { lineCounter: counter, prettyErrors: false });
  if (!Array.isArray(docs)) return { documents, errors }; // an empty stream
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push(toSourceError(e, file, counter));
      return;
    }
    const value = doc.toJS({ maxAliasCount: 1000 }) as JsonValue | undefined;
    if (value === null || value === undefined) return;
    const start = counter.linePos(doc.contents?.range?.[0] ?? 0);
    const pos = { file, line: start.line, column: start.col };
    documents.push({ file, index, value, pos, locate: locator(doc, counter, file, 0, pos) });
  });
  return { documents, errors };
}

function toSourceError(e: { message: string; pos: [number, number] }, file: string, lines: LineCounter): SourceError {
  const { line, col } = lines.linePos(e.pos[0]);
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { file, line, column: col, message };
}

/** A locator over a parsed document whose text starts `lineOffset` lines into the file. */
function locator(doc: Document, counter: LineCounter, file: string, lineOffset: number, fallback: SourcePos) {
  return (path: JsonPath): SourcePos => {
    for (let n = path.length; n > 0; n--) {
      const offset = keyOffset(doc, path.slice(0, n));
      if (offset !== undefined) {
        const { line, col } = counter.linePos(offset);
        return { file, line: line + lineOffset, column: col };
      }
    }
    return fallback;
  };
}

/** Offset of the key (for map entries) or the item (for list entries) at `path`. */
function keyOffset(doc: Document, path: JsonPath): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (!isNode(parent)) return undefined;
  const items = (parent as { items?: unknown[] }).items;
  if (!Array.isArray(items)) return undefined;
  if (typeof last === 'number') {
    const item = items[last];
    return isNode(item) ? item.range?.[0] : undefined;
  }
  for (const pair of items as { key?: unknown }[]) {
    const key = pair?.key;
    if (isNode(key) && (key as { value?: unknown }).value === last) return key.range?.[0];
  }
  return undefined;
}

/** An object that comes from no file (the cluster, an admission request) as a document named `ORIGIN:Kind/ns/name`. */
export function objectDocument(value: JsonObject, origin: string, index = 0): SourceDocument {
  const md = isObject(value.metadata) ? value.metadata : {};
  const ns = typeof md.namespace === 'string' && md.namespace !== '' ? `${md.namespace}/` : '';
  const file = `${origin}:${String(value.kind)}/${ns}${typeof md.name === 'string' ? md.name : ''}`;
  const pos = { file, line: 0, column: 0 };
  return { file, index, value, pos, locate: () => pos };
}
