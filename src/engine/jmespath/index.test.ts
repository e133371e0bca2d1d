import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FUNCTIONS, KYVERNO_FUNCTIONS } from './functions/registry.js';
import { compileQuery, JmesPathError, type JmesRuntime } from './index.js';

const runtime: JmesRuntime = { clock: { now: () => new Date('2024-05-01T10:00:00Z') } };

describe('compileQuery', () => {
  it('compiles once and searches many documents', () => {
    const query = compileQuery('metadata.labels.app || `"none"`');
    expect(query.expression).toBe('metadata.labels.app || `"none"`');
    expect(query.search({ metadata: { labels: { app: 'web' } } }, runtime)).toBe('web');
    expect(query.search({ metadata: {} }, runtime)).toBe('none');
  });

  it('returns a fresh copy of literals, so callers cannot corrupt the compiled query', () => {
    const query = compileQuery('`{"a": [1]}`');
    const first = query.search(null, runtime) as { a: number[] };
    first.a.push(2);
    expect(query.search(null, runtime)).toStrictEqual({ a: [1] });
  });

  it.each([
    ['missing.key', true, 'Unknown key "missing" in path'],
    ['length(`1`)', false, 'Invalid type for: 1, expected: []jmespath.JpType{"string", "array", "object"}'],
    ["to_boolean('maybe')", false, "JMESPath function 'to_boolean'"],
  ])('marks NotFound errors: %s', (expression, notFound, message) => {
    const err = (() => {
      try {
        compileQuery(expression).search({}, runtime);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JmesPathError);
    expect((err as JmesPathError).notFound).toBe(notFound);
    expect((err as JmesPathError).message).toContain(message);
  });

  it('keeps the `__proto__` key of built objects as data', () => {
    const result = compileQuery("object_from_lists(['__proto__'], [`1`])").search({}, runtime) as Record<
      string,
      unknown
    >;
    expect(Object.keys(result)).toStrictEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe('function table', () => {
  const fixtures = readdirSync(new URL('./testdata/', import.meta.url))
    .map((f) => readFileSync(new URL(`./testdata/${f}`, import.meta.url), 'utf8'))
    .map((text) => parse(text) as { cases: { expression: string }[] });
  const expressions = fixtures.flatMap((f) => f.cases.map((c) => c.expression));

  it('has the 51 Kyverno functions of spec §6.7', () => {
    expect(new Set(KYVERNO_FUNCTIONS.map((f) => f.name)).size).toBe(51);
  });

  it.each([...FUNCTIONS.keys()])('%s is exercised by a fixture', (name) => {
    expect(expressions.some((e) => new RegExp(`\\b${name}\\(`).test(e))).toBe(true);
  });
});
