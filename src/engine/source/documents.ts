// YAML/JSON text → documents that remember where every field came from.
import { LineCounter, isNode, parseAllDocuments, type Document } from 'yaml';
import type { JsonValue } from '../json.js';
import type { JsonPath, SourcePos } from '../result/location.js';

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
  const lines = new LineCounter();
  const documents: SourceDocument[] = [];
  const errors: SourceError[] = [];
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return { documents, errors }; // an empty stream
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push(toSourceError(e, file, lines));
      return;
    }
    const value = doc.toJS({ maxAliasCount: 1000 }) as JsonValue | undefined;
    if (value === null || value === undefined) return;
    documents.push(makeDocument(doc, value, file, index, lines));
  });
  return { documents, errors };
}

function toSourceError(e: { message: string; pos: [number, number] }, file: string, lines: LineCounter): SourceError {
  const { line, col } = lines.linePos(e.pos[0]);
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { file, line, column: col, message };
}

function makeDocument(
  doc: Document,
  value: JsonValue,
  file: string,
  index: number,
  lines: LineCounter,
): SourceDocument {
  const at = (offset: number): SourcePos => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const start = doc.contents?.range?.[0] ?? 0;
  const pos = at(start);
  return {
    file,
    index,
    value,
    pos,
    locate(path: JsonPath): SourcePos {
      for (let n = path.length; n > 0; n--) {
        const offset = keyOffset(doc, path.slice(0, n));
        if (offset !== undefined) return at(offset);
      }
      return pos;
    },
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
