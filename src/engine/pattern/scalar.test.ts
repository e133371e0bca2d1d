import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { matchScalar } from './scalar.js';

interface Case {
  name: string;
  pattern: JsonValue;
  value?: JsonValue;
  want: boolean;
}

const cases = parse(readFileSync(new URL('./testdata/scalar.yaml', import.meta.url), 'utf8')) as Case[];

describe('matchScalar', () => {
  it.each(cases)('$name', (c) => {
    expect(matchScalar('value' in c ? c.value : undefined, c.pattern)).toBe(c.want);
  });
});
