import { readdirSync, readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonValue } from '../json.js';
import { compileQuery, JmesPathError, JmesPathSyntaxError, type JmesRuntime } from './index.js';

/** One fixture case: exactly one of want / wantMatch / wantError / wantSyntaxError. */
interface Case {
  name?: string;
  expression: string;
  data?: JsonValue;
  hosts?: Record<string, string[] | null> | null;
  want?: JsonValue;
  wantMatch?: string;
  wantError?: string;
  notFound?: boolean;
  wantSyntaxError?: string;
}

interface Fixture {
  data?: JsonValue;
  hosts?: Record<string, string[] | null>;
  cases: Case[];
}

const dir = new URL('./testdata/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

// A deterministic "random" so generated strings are reproducible.
function seeded(): () => number {
  let s = 42;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function runtimeFor(hosts: Record<string, string[] | null> | null | undefined): JmesRuntime {
  const runtime: JmesRuntime = { clock: { now: () => new Date('2024-05-01T10:00:00Z') }, random: seeded() };
  if (hosts !== undefined && hosts !== null) runtime.resolveHost = (h) => hosts[h] ?? undefined;
  return runtime;
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe.each(files)('%s', (file) => {
  const fixture = parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture;
  const cases = fixture.cases.map((c) => [c.name ?? c.expression, c] as const);

  it.each(cases)('%s', (_, c) => {
    const data = c.data !== undefined ? c.data : (fixture.data ?? null);
    const runtime = runtimeFor('hosts' in c ? c.hosts : fixture.hosts);
    if (c.wantSyntaxError !== undefined) {
      const err = errorOf(() => compileQuery(c.expression));
      expect(err).toBeInstanceOf(JmesPathSyntaxError);
      expect((err as Error).message).toContain(c.wantSyntaxError);
      return;
    }
    const query = compileQuery(c.expression);
    if (c.wantError !== undefined) {
      const err = errorOf(() => query.search(data, runtime));
      expect(err).toBeInstanceOf(JmesPathError);
      expect((err as Error).message).toContain(c.wantError);
      expect((err as JmesPathError).notFound).toBe(c.notFound ?? false);
    } else if (c.wantMatch !== undefined) {
      const got = query.search(data, runtime);
      expect(typeof got).toBe('string');
      expect(RE2JS.compile(c.wantMatch).matches(got as string)).toBe(true);
    } else {
      expect('want' in c).toBe(true);
      expect(query.search(data, runtime)).toStrictEqual(c.want);
    }
  });
});
