import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonValue } from '../json.js';
import { createCelEnvironment, type CelEnvironment, type CelPolicyKind } from './environment.js';
import { compileCel, type CelExpectation } from './compile.js';
import { evaluateCel } from './evaluate.js';
import { fromCelValue, toCelValue } from './values.js';

interface Case {
  name: string;
  expr: string;
  kind?: CelPolicyKind;
  object?: JsonValue;
  doubles?: boolean;
  expect?: CelExpectation;
  value?: JsonValue;
  error?: string;
  type?: string;
  compileError?: { kind: string; messageContains?: string; line?: number; column?: number };
}

const load = (file: string): Case[] => parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8'));
const envs = new Map<CelPolicyKind, CelEnvironment>();
const envFor = (kind: CelPolicyKind = 'validate.cel'): CelEnvironment => {
  if (!envs.has(kind)) envs.set(kind, createCelEnvironment({ kind, libraries: [], variables: {} }));
  return envs.get(kind)!;
};

describe('CEL language baseline (§5.1)', () => {
  it.each(load('baseline.yaml'))('$name', (c) => {
    const compiled = compileCel(envFor(c.kind), c.expr, 'any');
    if (!compiled.ok) throw new Error(`compile error: ${compiled.error.message}`);
    const object = c.object === undefined ? null : toCelValue(c.object, { numbersAsDouble: c.doubles });
    const result = evaluateCel(compiled.program, { object });
    if (c.error !== undefined) {
      expect(result.ok ? result.value : result.error).toContain(c.error);
      expect(result.ok).toBe(false);
    } else {
      expect(result.ok ? fromCelValue(result.value) : result.error).toEqual(c.value);
    }
  });
});

describe('compile errors and result types', () => {
  it.each(load('compile-errors.yaml'))('$name', (c) => {
    const compiled = compileCel(envFor(c.kind), c.expr, c.expect ?? 'bool');
    if (c.compileError === undefined) {
      expect(compiled.ok ? compiled.program.resultType : compiled.error.message).toBe(c.type);
      return;
    }
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    const { kind, messageContains, line, column } = c.compileError;
    expect(compiled.error.kind).toBe(kind);
    if (messageContains !== undefined) expect(compiled.error.message).toContain(messageContains);
    if (line !== undefined)
      expect({ line: compiled.error.line, column: compiled.error.column }).toEqual({ line, column });
  });
});
