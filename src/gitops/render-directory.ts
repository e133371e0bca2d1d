// Rendering a plain-directory Application source as Argo CD does: files of the path, recurse/include/exclude.
import { relative, sep } from 'node:path';
import { type JsonObject, type SourceDocument } from '../engine/index.js';
import { compileArgoGlob } from './argo-glob.js';
import type { RepoFileCache } from './file-cache.js';
import type { RepositoryError, SkippedEntry } from './types.js';
import { listManifestFiles } from './walk.js';

/** What a directory source yields; `errors` carry repo-relative files. */
export interface DirectoryRender {
  readonly documents: SourceDocument[];
  readonly errors: RepositoryError[];
  readonly skipped: SkippedEntry[];
}

/** The documents of a directory source; a bad include/exclude glob is thrown as GlobSyntaxError. */
export function renderDirectory(
  root: string,
  dir: string,
  directory: JsonObject | undefined,
  cache: RepoFileCache,
): DirectoryRender {
  // Argo CD: recurse defaults to false; include/exclude globs match the path relative to `dir`.
  const include = globOption(directory, 'include');
  const exclude = globOption(directory, 'exclude');
  const walk = listManifestFiles(root, dir, { recurse: directory?.recurse === true });
  const out: DirectoryRender = { documents: [], errors: [...walk.errors], skipped: [...walk.skipped] };
  for (const file of walk.files) {
    const rel = relative(dir, file).split(sep).join('/');
    if (exclude?.test(rel) || (include && !include.test(rel))) continue;
    const r = cache.read(file);
    out.documents.push(...r.documents);
    out.errors.push(...r.errors);
    out.skipped.push(...r.skipped);
  }
  return out;
}

function globOption(directory: JsonObject | undefined, key: 'include' | 'exclude'): RegExp | undefined {
  const v = directory?.[key];
  return typeof v === 'string' && v !== '' ? compileArgoGlob(v) : undefined;
}
