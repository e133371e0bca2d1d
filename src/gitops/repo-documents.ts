// Source documents with repository-relative file names, and derived (rendered, namespaced) documents.
import { readOneFile } from '../files/read-documents.js';
import {
  cloneJson,
  isObject,
  type JsonObject,
  type JsonPath,
  type JsonValue,
  type SourceDocument,
  type SourcePos,
  type StringPool,
} from '../engine/index.js';
import { toRepoPath } from './repo-paths.js';
import type { RepositoryError, SkippedEntry } from './types.js';

/** The documents of one repository file, with its syntax errors and notes. */
export interface RepoFile {
  readonly documents: SourceDocument[];
  readonly errors: RepositoryError[];
  readonly skipped: SkippedEntry[];
}

/** Read one file; positions name it relative to `root`. Unreadable binary/huge files become notes. */
export function readRepoFile(root: string, abs: string, pool?: StringPool): RepoFile {
  const rel = toRepoPath(root, abs);
  const r = readOneFile(abs, rel, pool);
  const out: RepoFile = { documents: r.documents, errors: [], skipped: [] };
  for (const e of r.errors) {
    // read-documents reports binary and oversized files as "...; skipped": a note, not a failure.
    if (e.line === 0 && e.message.endsWith('; skipped')) out.skipped.push({ path: rel, reason: e.message });
    else out.errors.push({ file: rel, line: e.line, message: e.message });
  }
  return out;
}

/** The document with `metadata.namespace` set (its positions unchanged). */
export function withNamespace(doc: SourceDocument, namespace: string): SourceDocument {
  const value = cloneJson(doc.value) as JsonObject;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  value.metadata = { ...metadata, namespace };
  return { ...doc, value, locate: doc.locate };
}

/** A rendered object whose positions point at the repository document (or position) it came from. */
export function renderedDocument(value: JsonValue, index: number, origin: SourceDocument | SourcePos): SourceDocument {
  if ('locate' in origin) return { file: origin.file, index, value, pos: origin.pos, locate: origin.locate };
  return { file: origin.file, index, value, pos: origin, locate: (_path: JsonPath) => origin };
}
