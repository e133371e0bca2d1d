import { describe, expect, it } from 'vitest';
import { argoGlobMatch, compileArgoGlob, GlobSyntaxError } from './argo-glob.js';

describe('argoGlobMatch', () => {
  it.each([
    ['*.yaml', 'deploy.yaml', true],
    ['*.yaml', 'sub/deploy.yaml', true], // Argo CD: no separators, so * crosses /
    ['*.yaml', 'deploy.json', false],
    ['config.yaml', 'config.yaml', true],
    ['config.yaml', 'sub/config.yaml', false],
    ['{config.json,env-usw2/*}', 'config.json', true],
    ['{config.json,env-usw2/*}', 'env-usw2/a.yaml', true],
    ['{config.json,env-usw2/*}', 'env-use1/a.yaml', false],
    ['some-directory/*', 'some-directory/x.yml', true],
    ['file?.yaml', 'file1.yaml', true],
    ['file[0-9].yaml', 'file7.yaml', true],
    ['file[!0-9].yaml', 'file7.yaml', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['{a,{b,c}}.yaml', 'c.yaml', true],
    ['a.yaml', 'aXyaml', false],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(argoGlobMatch(pattern, path)).toBe(expected);
  });

  it.each(['{a,b', '[abc'])('rejects %s', (pattern) => {
    expect(() => compileArgoGlob(pattern)).toThrow(GlobSyntaxError);
  });
});
