// Deciding whether an Application source's repoURL is this repository.
import { spawnSync } from 'node:child_process';
import { realOrSelf } from './repo-paths.js';

/** A repo URL in a comparable form: host/owner/name, lower-case, no scheme, user, `.git` or trailing slash. */
export function normalizeRepoURL(url: string): string {
  let u = url.trim().toLowerCase();
  u = u.replace(/^[a-z+]+:\/\//, ''); // https://, ssh://, git+ssh://
  u = u.replace(/^[^@/]+@/, ''); // git@, user:token@
  u = u.replace(/^([^/:]+):(?!\d+\/)/, '$1/'); // scp-like host:owner/repo (not host:port/)
  u = u.replace(/:\d+\//, '/'); // ports
  return u.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** The fetch URLs of the git remotes of `root`, when `root` is the top of a git work tree (else []). */
export function gitRemoteURLs(root: string): string[] {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (top === undefined || realOrSelf(top.trim()) !== realOrSelf(root)) return [];
  const remotes = git(root, ['remote', '-v']) ?? '';
  return [...new Set(remotes.split('\n').flatMap((l) => (l.endsWith('(fetch)') ? [l.split(/\s+/)[1]] : [])))];
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout : undefined;
}
