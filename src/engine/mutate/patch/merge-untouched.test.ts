import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { applyStrategicMergePatch } from './index.js';
import { untouchedByWalk } from './merge-untouched.js';

interface Case {
  name: string;
  untouched: boolean;
  resource: JsonObject;
  want?: JsonObject;
}

const cases = parse(readFileSync(new URL('./testdata/strategic-untouched.yaml', import.meta.url), 'utf8')) as Case[];

describe('untouchedByWalk', () => {
  it.each(cases)('$name', (c) => {
    expect(untouchedByWalk(c.resource, undefined)).toBe(c.untouched);
    // The walk a patch that mentions nothing gives (every `want` is Kyverno's), key order included.
    const got = applyStrategicMergePatch(c.resource, {});
    expect(JSON.stringify(got)).toBe(JSON.stringify(c.want ?? c.resource));
  });
});
