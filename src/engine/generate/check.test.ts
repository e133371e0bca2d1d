import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkGenerateRule, type GenerateProblem } from './index.js';

interface Case {
  name: string;
  generate: unknown;
  want: GenerateProblem[];
}

const cases = parse(readFileSync(new URL('./testdata/check.yaml', import.meta.url), 'utf8')) as Case[];

describe('checkGenerateRule', () => {
  it.each(cases)('$name', (c) => {
    expect(checkGenerateRule(c.generate)).toEqual(c.want);
  });
});
