// Test helper (not built): table-driven YAML cases of expression → expected value or error substring.
import { Environment, Optional } from '@marcbachmann/cel-js';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CelLibrary } from '../../library.js';
import { typeName } from '../equality.js';
import { isUint } from '../runtime.js';

/** One fixture case: `value` (with an optional CEL `type`) or `error` (a message substring). */
export interface CelCase {
  expr: string;
  value?: unknown;
  type?: string;
  error?: string;
}

/** Parses the cases of one testdata file (the test reads it, next to itself). */
export function loadCases(yaml: Buffer | string): CelCase[] {
  return parse(yaml.toString()) as CelCase[];
}

/** A fresh environment with the given libraries registered (optional types on, as Kyverno has them). */
export function envWith(...libraries: CelLibrary[]): Environment {
  const env = new Environment({ enableOptionalTypes: true });
  for (const lib of libraries) lib.register(env);
  return env;
}

/** Turns a CEL result into plain YAML-comparable data (ints and uints become numbers, optionals `$optional`). */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint' || isUint(v)) return Number(v.valueOf());
  if (v instanceof Optional) return v.hasValue() ? { $optional: plain(v.value()) } : '$none';
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('utf8') };
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), plain(x)]));
  if (typeof v === 'object' && v !== null && v.constructor === Object)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** Evaluates a case and returns what to compare: the plain value and its type, or the error message. */
export function evaluateCase(env: Environment, c: CelCase): { value?: unknown; type?: string; error?: string } {
  try {
    const result = env.evaluate(c.expr);
    return { value: plain(result), type: typeName(result) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Declares one vitest case per fixture entry, evaluated in `env`. */
export function itEvaluatesCases(yaml: Buffer | string, env: Environment): void {
  it.each(loadCases(yaml))('$expr', (c) => {
    const got = evaluateCase(env, c);
    if (c.error !== undefined) expect(got.error).toContain(c.error);
    else expect(got).toMatchObject({ value: c.value, ...(c.type ? { type: c.type } : {}) });
  });
}
