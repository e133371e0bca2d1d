import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRemoteURLs, normalizeRepoURL } from './repo-urls.js';

describe('normalizeRepoURL', () => {
  it.each([
    ['https://github.com/Example/GitOps.git', 'github.com/example/gitops'],
    ['https://github.com/example/gitops/', 'github.com/example/gitops'],
    ['git@github.com:example/gitops.git', 'github.com/example/gitops'],
    ['ssh://git@github.com:22/example/gitops.git', 'github.com/example/gitops'],
    ['https://user:token@gitlab.example.com/group/sub/repo', 'gitlab.example.com/group/sub/repo'],
  ])('%s → %s', (url, expected) => {
    expect(normalizeRepoURL(url)).toBe(expected);
  });
});

describe('gitRemoteURLs', () => {
  it('lists the fetch remotes of a work-tree top and nothing for a sub-directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-git-'));
    try {
      const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args]);
      if (git('init', '-q').status !== 0) return expect.fail('git init failed');
      git('remote', 'add', 'origin', 'git@github.com:example/gitops.git');
      mkdirSync(join(dir, 'sub'));
      expect(gitRemoteURLs(dir)).toEqual(['git@github.com:example/gitops.git']);
      expect(gitRemoteURLs(join(dir, 'sub'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
