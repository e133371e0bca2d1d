import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../json.js';
import {
  ConditionError,
  compileConditions,
  evaluateConditions,
  joinConditionMessages,
  type ConditionBlock,
} from './conditions.js';

interface BlockCase {
  name: string;
  vars?: JsonObject;
  block: ConditionBlock | null;
  want?: { result: boolean; messages: string[]; joined: string; evaluated: string[] };
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/conditions.yaml', import.meta.url), 'utf8')) as BlockCase[];

const VARIABLE = /^\{\{\s*(\w+)\s*\}\}$/;

/** A tiny stand-in for variable substitution: `{{ name }}` reads vars, recording each lookup. */
function substituter(vars: JsonObject, evaluated: string[]) {
  return (v: JsonValue): JsonValue => {
    const m = typeof v === 'string' ? VARIABLE.exec(v) : null;
    if (!m) return v;
    evaluated.push(m[1]);
    if (!Object.hasOwn(vars, m[1])) throw new Error(`variable ${m[1]} not found`);
    return vars[m[1]];
  };
}

describe('evaluateConditions', () => {
  it.each(cases.filter((c) => c.want))('$name', (c) => {
    const evaluated: string[] = [];
    const block = compileConditions(c.block ?? undefined);
    const outcome = evaluateConditions(block, substituter(c.vars ?? {}, evaluated));
    expect(outcome).toEqual({ result: c.want?.result, messages: c.want?.messages });
    expect(joinConditionMessages(block, outcome.messages)).toBe(c.want?.joined);
    expect(evaluated).toEqual(c.want?.evaluated);
  });

  it.each(cases.filter((c) => c.error))('$name', (c) => {
    const run = () => evaluateConditions(compileConditions(c.block ?? undefined), substituter(c.vars ?? {}, []));
    expect(run).toThrow(ConditionError);
    expect(run).toThrow(c.error);
  });

  it('passes which part is substituted', () => {
    const parts: string[] = [];
    const block = compileConditions({ all: [{ key: '{{ a }}', operator: 'Equals', value: '{{ b }}' }] });
    evaluateConditions(block, (v, part) => {
      parts.push(part);
      return v;
    });
    expect(parts).toEqual(['key', 'value']);
  });

  it('never substitutes a side without variables, and reads it as written', () => {
    const list = ['x', { y: ['z'] }];
    const seen: JsonValue[] = [];
    const substitute = (v: JsonValue) => (seen.push(v), 'x');
    const block = compileConditions({ all: [{ key: '{{ k }}', operator: 'AnyIn', value: list }] });
    expect(evaluateConditions(block, substitute).result).toBe(true);
    expect(seen).toEqual(['{{ k }}']);
  });

  it.each([
    ['any is not a list', { any: 'x' }, 'invalid condition: "any" must be a list'],
    ['all is not a list', { all: 1 }, 'invalid condition: "all" must be a list'],
    ['neither list nor map', 'x', 'invalid condition'],
  ])('a compiled block that %s fails when evaluated, not when compiled', (_name, raw, message) => {
    const block = compileConditions(raw as never);
    expect(() => evaluateConditions(block, (v) => v)).toThrow(message);
  });

  it('wraps a non-Error thrown by the substituter', () => {
    const run = () =>
      evaluateConditions(compileConditions([{ key: '{{ a }}', operator: 'Equals', value: 'a' }]), () => {
        throw 'boom';
      });
    expect(run).toThrow('failed to substitute variables in condition key: boom');
  });
});

describe('joinConditionMessages', () => {
  it.each([
    [[{}], ['a', 'b'], 'a;b'],
    [{ all: [] }, ['a', 'b'], 'a; b'],
    [undefined, ['a', '', 'b'], 'a; b'],
    [{ any: [] }, [], ''],
  ] as [ConditionBlock | undefined, string[], string][])('%j %j → %j', (block, messages, want) => {
    expect(joinConditionMessages(compileConditions(block), messages)).toBe(want);
  });
});
