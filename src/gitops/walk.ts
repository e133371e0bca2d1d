// Finding YAML/JSON manifest files in a repository directory, safely (loops, escapes, hidden entries).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, isManifestFile } from '../files/read-documents.js';
import { isWithin, realOrSelf, toRepoPath } from './repo-paths.js';
import type { RepositoryError, SkippedEntry } from './types.js';

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
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch (e) {
    ctx.result.errors.push({ file: toRepoPath(ctx.root, dir), line: 0, message: describeFsError(e) });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || IGNORED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    // A plain file or directory inside a directory already inside the repository needs no stat or realpath
    // (one each per file was most of the walk); symbolic links and unknown types take the careful way.
    if (entry.isFile()) {
      if (isManifestFile(full)) ctx.result.files.push(full);
    } else if (entry.isDirectory()) enterDir(ctx, full);
    else visitEntry(ctx, full);
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
  if (!isDir && !(st.isFile() && isManifestFile(full))) return;
  if (!isWithin(ctx.realRoot, realOrSelf(full))) {
    ctx.result.skipped.push({ path: rel, reason: 'symlink points outside the repository; not followed' });
    return;
  }
  if (!isDir) ctx.result.files.push(full);
  else enterDir(ctx, full);
}

function enterDir(ctx: WalkContext, full: string): void {
  if (!ctx.opts.recurse) return;
  const reason = ctx.opts.excludeDir?.(full);
  if (reason) ctx.result.skipped.push({ path: toRepoPath(ctx.root, full), reason });
  if (reason === undefined) walkDir(ctx, full);
}
