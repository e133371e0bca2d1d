import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkPodSecuritySpec } from './index.js';

interface Case {
  name: string;
  spec: unknown;
  want: { path: (string | number)[]; message: string }[];
}

const cases = (parse(readFileSync(new URL('./testdata/spec-check.yaml', import.meta.url), 'utf8')) as { cases: Case[] })
  .cases;

describe('checkPodSecuritySpec', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(checkPodSecuritySpec(c.spec)).toEqual(c.want);
  });
});
