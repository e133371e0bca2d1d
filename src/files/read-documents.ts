// I/O edge: files and directories → parsed documents, each remembering its file and line.
import { readdirSync, readFileSync, statSync, realpathSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseDocuments, type SourceDocument, type SourceError, type StringPool } from '../engine/index.js';

/** Documents read from a set of paths, with every problem met on the way (never thrown). */
export interface ReadResult {
  readonly documents: SourceDocument[];
  readonly errors: SourceError[];
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Whether a file's name says YAML or JSON (`.yaml`, `.yml`, `.json`, any case). */
export function isManifestFile(file: string): boolean {
  return MANIFEST_EXTENSIONS.has(extname(file).toLowerCase());
}
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A manifest file's name and text, read but not parsed. */
export interface ManifestText {
  readonly file: string;
  readonly text: string;
}

/** Read YAML/JSON files; directories are walked recursively (hidden entries skipped). */
export function readDocuments(paths: readonly string[], opts: { recurse?: boolean } = {}): ReadResult {
  const documents: SourceDocument[] = [];
  const errors: SourceError[] = [];
  for (const { file, text } of manifestTexts(paths, opts.recurse ?? true, errors)) {
    const r = parseDocuments(text, file);
    documents.push(...r.documents);
    errors.push(...r.errors);
  }
  return { documents, errors };
}

/** The texts of the YAML/JSON files below `paths`, as readDocuments finds them, with the problems reading them. */
export function readManifestTexts(paths: readonly string[]): { files: ManifestText[]; errors: SourceError[] } {
  const errors: SourceError[] = [];
  const files = [...manifestTexts(paths, true, errors)];
  return { files, errors };
}

/**
 * Read one file's documents; `name` is the file as positions and errors show it (default: the path read), and
 * `pool` shares the values' strings with other files.
 */
export function readOneFile(file: string, name = file, pool?: StringPool): ReadResult {
  const read = readText(file, name);
  return 'text' in read ? parseDocuments(read.text, name, pool) : { documents: [], errors: [read.error] };
}

// Each manifest file once, in order; problems go to `errors` in the order they are met (a parse error of an earlier
// file stays ahead of a read error of a later one, because the caller parses each text before asking for the next).
function* manifestTexts(paths: readonly string[], recurse: boolean, errors: SourceError[]): Generator<ManifestText> {
  const seen = new Set<string>();
  for (const p of paths) {
    const files = listManifestFiles(p, errors, recurse, new Set());
    if (files.length === 0 && !errors.some((e) => e.file === p))
      errors.push({ file: p, line: 0, column: 0, message: 'no YAML or JSON files found' });
    for (const f of files) {
      if (seen.has(f)) continue;
      seen.add(f);
      const read = readText(f);
      if ('text' in read) yield { file: f, text: read.text };
      else errors.push(read.error);
    }
  }
}

// A file's text, or its one problem under `name` (the caller tells notes from failures by the message).
function readText(file: string, name = file): { text: string } | { error: SourceError } {
  const fail = (message: string) => ({ error: { file: name, line: 0, column: 0, message } });
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) return fail(`file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; skipped`);
    const buf = readFileSync(file);
    if (buf.includes(0)) return fail('binary file; skipped');
    return { text: buf.toString('utf8') };
  } catch (e) {
    return fail(describeFsError(e));
  }
}

function listManifestFiles(path: string, errors: SourceError[], recurse: boolean, visited: Set<string>): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    errors.push({ file: path, line: 0, column: 0, message: describeFsError(e) });
    return [];
  }
  if (st.isFile()) return [path];
  if (!st.isDirectory()) return [];
  const real = safeRealpath(path);
  if (visited.has(real)) return []; // a symlink loop
  visited.add(real);
  const out: string[] = [];
  for (const entry of readdirSync(path).sort()) {
    if (entry.startsWith('.')) continue;
    const full = join(path, entry);
    let est;
    try {
      est = statSync(full);
    } catch (e) {
      errors.push({ file: full, line: 0, column: 0, message: describeFsError(e) });
      continue;
    }
    if (est.isDirectory()) {
      if (recurse) out.push(...listManifestFiles(full, errors, recurse, visited));
    } else if (isManifestFile(entry)) out.push(full);
  }
  return out;
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** A one-line description of a file-system error. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err.message ?? String(e);
  }
}
