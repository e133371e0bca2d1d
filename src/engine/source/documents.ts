// YAML/JSON text → documents that remember where every field came from.
// Values come from js-yaml (fast); source positions from the `yaml` parser, built only when asked for.
import jsyaml from 'js-yaml';
import { LineCounter, isNode, parseAllDocuments, parseDocument, type Document } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { JsonPath, SourcePos } from '../result/location.js';
import { quickLocate } from './quick-locate.js';

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

/** The documents of one file and the syntax errors that kept others out. */
export interface ParsedFile {
  readonly documents: SourceDocument[];
  readonly errors: SourceError[];
}

/** Parse a multi-document YAML (or JSON) text; empty documents are dropped. */
export function parseDocuments(text: string, file: string): ParsedFile {
  return fastParse(text, file) ?? fullParse(text, file);
}

interface Slice {
  /** 0-based line where the slice starts in the file. */
  readonly firstLine: number;
  readonly text: string;
}

// The fast path: js-yaml values for each `---`-separated slice. Anything unusual (directives, `...`,
// content after `---`, a parse error, a count mismatch) falls back to the full parser, which also
// gives the error positions.
function fastParse(text: string, file: string): ParsedFile | undefined {
  const slices = splitDocuments(text);
  if (!slices) return undefined;
  let values: unknown[];
  try {
    values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (values.length !== slices.length) return undefined;
  const documents: SourceDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    documents.push(lazyDocument(slices[index], value as JsonValue, file, index));
  });
  return { documents, errors: [] };
}

const MARKER = /^---\s*(#.*)?$/;
const BLANK = /^\s*(#.*)?$/;

/** Split at `---` lines; undefined when the text uses constructs the fast path does not handle. */
function splitDocuments(text: string): Slice[] | undefined {
  const lines = text.split('\n');
  const slices: Slice[] = [];
  let start = 0;
  let explicitStart = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('%') || /^\.\.\.\s*$/.test(line)) return undefined;
    if (line.startsWith('---')) {
      if (!MARKER.test(line)) return undefined;
      pushSlice(slices, lines, start, i, explicitStart);
      start = i + 1;
      explicitStart = true;
    }
  }
  pushSlice(slices, lines, start, lines.length, explicitStart);
  return slices;
}

function pushSlice(slices: Slice[], lines: string[], from: number, to: number, explicitStart: boolean): void {
  const body = lines.slice(from, to);
  // Comments and blank lines before the first `---` are not a document.
  if (!explicitStart && slices.length === 0 && to < lines.length && body.every((l) => BLANK.test(l))) return;
  // A file without any content has no documents at all.
  if (!explicitStart && to === lines.length && slices.length === 0 && body.every((l) => BLANK.test(l))) return;
  slices.push({ firstLine: from, text: body.join('\n') });
}

function lazyDocument(slice: Slice, value: JsonValue, file: string, index: number): SourceDocument {
  const lines = slice.text.split('\n');
  const first = Math.max(
    0,
    lines.findIndex((l) => !BLANK.test(l)),
  );
  const pos = { file, line: slice.firstLine + first + 1, column: (lines[first]?.search(/\S/) ?? 0) + 1 };
  let located: ((path: JsonPath) => SourcePos) | undefined;
  return {
    file,
    index,
    value,
    pos,
    locate(path: JsonPath): SourcePos {
      const quick = located ? undefined : quickLocate(lines, path);
      if (quick === null) return pos;
      if (quick) return { file, line: slice.firstLine + quick.line + 1, column: quick.column + 1 };
      if (!located) {
        const counter = new LineCounter();
        const doc = parseDocument(slice.text, { lineCounter: counter });
        located = locator(doc, counter, file, slice.firstLine, pos);
      }
      return located(path);
    },
  };
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
