import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { applyConfiguration } from './apply-configuration.js';

interface Case {
  name: string;
  object: JsonObject;
  patch: JsonObject;
  ssa?: boolean;
  expect?: JsonObject;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/apply-configuration.yaml', import.meta.url), 'utf8')) as Case[];

describe('applyConfiguration', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const run = () => applyConfiguration(c.object, c.patch, { useServerSideApply: c.ssa === true });
    if (c.error !== undefined) expect(run).toThrow(c.error);
    else expect(run()).toEqual(c.expect);
  });
});
