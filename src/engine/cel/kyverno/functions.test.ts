import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../ports.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Case {
  expr: string;
  value?: unknown;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/functions.yaml', import.meta.url), 'utf8')) as Case[];
const env = kyvernoTestEnv();
const services = { clock: fixedClock(new Date('2024-05-06T07:08:09Z')) };

describe('Kyverno pure CEL functions', () => {
  it.each(cases)('$expr', ({ expr, value, error }) => {
    const outcome = evaluateKyverno(env, expr, services);
    if (error !== undefined) expect(outcome).toEqual({ error: expect.stringContaining(error) });
    else expect(outcome).toEqual({ value });
  });
});
