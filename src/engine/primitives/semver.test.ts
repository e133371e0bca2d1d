import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SemverRangeError, compareSemver, parseSemver, semverSatisfies, type Semver } from './semver.js';

const cases = parse(readFileSync(new URL('./testdata/semver.yaml', import.meta.url), 'utf8')) as {
  valid: string[];
  invalid: string[];
  ascending: string[];
  satisfies: [string, string, boolean][];
  invalidRanges: [string, string][];
};

/** Parses a fixture version, failing the test when it does not parse. */
function v(s: string): Semver {
  const parsed = parseSemver(s);
  if (parsed === undefined) throw new Error(`fixture ${JSON.stringify(s)} is not a version`);
  return parsed;
}

describe('parseSemver', () => {
  it.each(cases.valid)('accepts %j', (s) => {
    expect(parseSemver(s)).toBeDefined();
  });

  it.each(cases.invalid)('rejects %j', (s) => {
    expect(parseSemver(s)).toBeUndefined();
  });

  it('splits the parts', () => {
    expect(v('1.2.3-rc.1+build-7')).toEqual({ major: 1n, minor: 2n, patch: 3n, pre: ['rc', 1n], build: ['build-7'] });
  });
});

describe('compareSemver', () => {
  const pairs = cases.ascending.slice(1).map((hi, i) => [cases.ascending[i], hi]);
  it.each(pairs)('%s < %s', (lo, hi) => {
    expect(compareSemver(v(lo), v(hi))).toBe(-1);
    expect(compareSemver(v(hi), v(lo))).toBe(1);
  });

  it('ignores build metadata', () => {
    expect(compareSemver(v('1.0.0+a'), v('1.0.0+b'))).toBe(0);
  });
});

describe('semverSatisfies (Kyverno semver_compare)', () => {
  it.each(cases.satisfies)('%j in %j → %s', (version, range, want) => {
    expect(semverSatisfies(version, range)).toBe(want);
  });

  it.each(cases.invalidRanges)('range %j throws %j', (range, message) => {
    expect(() => semverSatisfies('1.0.0', range)).toThrow(SemverRangeError);
    expect(() => semverSatisfies('1.0.0', range)).toThrow(message);
  });
});
