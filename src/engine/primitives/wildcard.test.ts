import { describe, expect, it } from 'vitest';
import { hasWildcard, matchesAnyPattern, wildcardMatch } from './wildcard.js';

describe('wildcardMatch', () => {
  it.each([
    ['s3:*', 's3:ListBucket', true],
    ['my-?-bucket', 'my--bucket', false],
    ['my-?-bucket', 'my-a-bucket', true],
    ['mnop*?', 'mnop', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a.b', 'axb', false],
    ['*:latest', 'nginx:latest', true],
    ['*:latest', 'nginx:1.2', false],
    ['*a*b*', 'xxaxxbxx', true],
    ['*a*b', 'xxaxxbxxb', true],
    ['Pod', 'pod', false],
    ['[abc]', 'a', false],
    ['?', 'é', true],
    // `?` is one code point, also outside the Basic Multilingual Plane (two UTF-16 code units).
    ['?', '\u{1F600}', true],
    ['a?b', 'a\u{1F600}b', true],
    ['??', '\u{1F600}', false],
    ['\u{1F600}*', '\u{1F600}x', true],
  ])('%s ~ %s = %s', (p, t, want) => {
    expect(wildcardMatch(p, t)).toBe(want);
  });

  it('detects wildcards', () => {
    expect(hasWildcard('a*')).toBe(true);
    expect(hasWildcard('a?')).toBe(true);
    expect(hasWildcard('abc')).toBe(false);
  });
});

describe('matchesAnyPattern', () => {
  it.each<[string[], string, boolean]>([
    [[], 'system:nodes', false],
    [['system:masters', 'system:nodes'], 'system:nodes', true],
    [['system:*'], 'system:nodes', true],
    [['team-?'], 'team-10', false],
  ])('%j ~ %s = %s', (patterns, text, want) => expect(matchesAnyPattern(patterns, text)).toBe(want));
});
