// Finding YAML/JSON manifest files in a repository directory, safely (loops, escapes, hidden entries).
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describeFsError } from '../files/read-documents.js';
import { isWithin, realOrSelf, toRepoPath } from './repo-paths.js';
import type { RepositoryError, SkippedEntry } from './types.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const IGNORED_DIRS = new Set(['node_modules']);

/** How to walk: recurse into sub-directories or not, and which directories to leave out (with a note). */
export interface WalkOptions {
  readonly recurse: boolean;
  /** A reason to leave the directory out (added to `skipped`), '' to leave it out silently, undefined to walk it. */
  readonly excludeDir?: (absDir: string) => string | undefined;
}

/** Files found (absolute, sorted), plus notes and problems met on the way. */
export interface WalkResult {
  readonly files: string[];
  readonly skipped: SkippedEntry[];
  readonly errors: RepositoryError[];
}

/** List manifest files under `dir`; hidden entries, `.git` and `node_modules` are skipped. */
export function listManifestFiles(root: string, dir: string, opts: WalkOptions): WalkResult {
  const result: WalkResult = { files: [], skipped: [], errors: [] };
  const ctx = { root, realRoot: realOrSelf(root), opts, result, visited: new Set<string>() };
  walkDir(ctx, dir);
  return result;
}

interface WalkContext {
  readonly root: string;
  readonly realRoot: string;
  readonly opts: WalkOptions;
  readonly result: WalkResult;
  readonly visited: Set<string>;
}

function walkDir(ctx: WalkContext, dir: string): void {
  const real = realOrSelf(dir);
  if (ctx.visited.has(real)) {
    ctx.result.skipped.push({ path: toRepoPath(ctx.root, dir), reason: 'symlink loop; not followed' });
    return;
  }
  ctx.visited.add(real);
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (e) {
    ctx.result.errors.push({ file: toRepoPath(ctx.root, dir), line: 0, message: describeFsError(e) });
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith('.') || IGNORED_DIRS.has(entry)) continue;
    visitEntry(ctx, join(dir, entry));
  }
}

function visitEntry(ctx: WalkContext, full: string): void {
  const rel = toRepoPath(ctx.root, full);
  let st;
  try {
    st = statSync(full);
  } catch (e) {
    ctx.result.errors.push({ file: rel, line: 0, message: describeFsError(e) });
    return;
  }
  const isDir = st.isDirectory();
  if (!isDir && !(st.isFile() && MANIFEST_EXTENSIONS.has(extname(full).toLowerCase()))) return;
  if (!isWithin(ctx.realRoot, realOrSelf(full))) {
    ctx.result.skipped.push({ path: rel, reason: 'symlink points outside the repository; not followed' });
    return;
  }
  if (!isDir) {
    ctx.result.files.push(full);
    return;
  }
  if (!ctx.opts.recurse) return;
  const reason = ctx.opts.excludeDir?.(full);
  if (reason) ctx.result.skipped.push({ path: rel, reason });
  if (reason === undefined) walkDir(ctx, full);
}
