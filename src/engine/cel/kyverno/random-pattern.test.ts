import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileGoRegexp } from '../../primitives/go-regexp.js';
import { randomFromPattern } from './random-pattern.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Fixture {
  matching: string[];
  bounds: { pattern: string; low: string; high: string }[];
  errors: { pattern: string; error: string }[];
}

const fixture = parse(readFileSync(new URL('./testdata/random-patterns.yaml', import.meta.url), 'utf8')) as Fixture;
const lowest = (): number => 0;
const highest = (): number => 0.999999;

describe('randomFromPattern', () => {
  it.each(fixture.matching)('generates 50 strings fully matching %s', (pattern) => {
    const re = compileGoRegexp(`^(?:${pattern})$`);
    for (let i = 0; i < 50; i++) {
      const s = randomFromPattern(pattern);
      expect(re.matches(s), JSON.stringify(s)).toBe(true);
    }
  });

  it.each(fixture.bounds)('draws $pattern within its bounds', ({ pattern, low, high }) => {
    expect(randomFromPattern(pattern, lowest)).toBe(low);
    expect(randomFromPattern(pattern, highest)).toBe(high);
  });

  it.each(fixture.errors)('rejects $pattern', ({ pattern, error }) => {
    expect(() => randomFromPattern(pattern)).toThrow(error);
  });
});

describe('random(pattern) in CEL', () => {
  const env = kyvernoTestEnv(['random']);
  const services = { clock: { now: () => new Date(0) } };

  it.each([
    ['random("[a-f]{4}").matches("^[a-f]{4}$")', { value: true }],
    ['random.random("id-\\\\d{3}").matches("^id-[0-9]{3}$")', { value: true }],
    ['random("(?i)x")', { error: expect.stringContaining('unsupported regular expression construct') }],
    ['random.random("[")', { error: expect.stringContaining('missing closing ]') }],
  ])('%s', (expr, want) => {
    expect(evaluateKyverno(env, expr, services)).toEqual(want);
  });
});
