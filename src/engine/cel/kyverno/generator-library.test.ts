import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../../json.js';
import { fixedClock } from '../../ports.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Case {
  name: string;
  expr: string;
  calls?: { namespace: string; objects: JsonObject[] }[];
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/generator.yaml', import.meta.url), 'utf8')) as Case[];
const env = kyvernoTestEnv(['generator']);

describe('Kyverno generator library', () => {
  it.each(cases)('$name', ({ expr, calls, error }) => {
    const received: { namespace: string; objects: JsonObject[] }[] = [];
    const generator = {
      apply: (namespace: string, objects: JsonObject[]) => void received.push({ namespace, objects }),
    };
    const outcome = evaluateKyverno(env, expr, { clock: fixedClock(new Date(0)), generator });
    if (error !== undefined) {
      expect(outcome).toEqual({ error: expect.stringContaining(error) });
      return;
    }
    expect(outcome).toEqual({ value: true });
    expect(received).toEqual(calls);
  });

  it('turns a failing generator service into a CEL error', () => {
    const generator = {
      apply: () => {
        throw new Error('forbidden');
      },
    };
    const outcome = evaluateKyverno(env, 'generator.Apply("ns", [{"kind": "A"}])', {
      clock: fixedClock(new Date(0)),
      generator,
    });
    expect(outcome).toEqual({ error: 'failed to generate resources: forbidden' });
  });
});
