import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { labelGateOf } from './label-gate.js';
import { compileMatch } from './match.js';

interface Case {
  name: string;
  blocks: (JsonObject | null)[];
  gate: [string, string][] | null;
}

const cases = parse(readFileSync(new URL('./testdata/label-gate.yaml', import.meta.url), 'utf8')) as Case[];

describe('the labels a policy needs', () => {
  it.each(cases)('$name', (c) => {
    const gate = labelGateOf(c.blocks.map((b) => (b ? compileMatch(b) : undefined)));
    expect(gate ?? null).toEqual(c.gate);
  });
});
