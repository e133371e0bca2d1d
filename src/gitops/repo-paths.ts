// Repository-relative paths (forward slashes) and containment checks.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `abs` relative to `root`, with forward slashes ('.' for the root itself). */
export function toRepoPath(root: string, abs: string): string {
  const rel = relative(root, abs);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

/** True when `abs` is `dir` or lies beneath it. */
export function isWithin(dir: string, abs: string): boolean {
  const rel = relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path, or the path itself when it cannot be resolved. */
export function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** Resolve an Application source path inside the repository; undefined when it escapes it or is missing. */
export function resolveInsideRepo(root: string, path: string): string | undefined {
  return existingInsideRepo(root, resolve(root, path.replace(/^\/+/, '')));
}

/** `abs` when it exists inside the repository (symlinks resolved), else undefined. */
export function existingInsideRepo(root: string, abs: string): string | undefined {
  if (!isWithin(root, abs) || !existsSync(abs)) return undefined;
  return isWithin(realOrSelf(root), realOrSelf(abs)) ? abs : undefined;
}
