import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { anchorKey, findUnknownAnchors, isAnchorKey, parseAnchor, type Anchor } from './anchor.js';

interface Fixture {
  parse: { key: string; want: Anchor | null }[];
  unknown: { name: string; pattern: JsonValue; base?: (string | number)[]; want: [(string | number)[], string][] }[];
}

const fixture = parse(readFileSync(new URL('./testdata/anchors.yaml', import.meta.url), 'utf8')) as Fixture;

describe('parseAnchor', () => {
  it.each(fixture.parse)('$key', ({ key, want }) => {
    expect(parseAnchor(key) ?? null).toEqual(want);
    expect(isAnchorKey(key)).toBe(want !== null);
    if (want) expect(anchorKey(want.kind, want.key)).toBe(key);
  });
});

describe('findUnknownAnchors', () => {
  it.each(fixture.unknown)('$name', ({ pattern, base, want }) => {
    const got = findUnknownAnchors(pattern, base);
    expect(got.map((p) => [p.path, p.key])).toEqual(want);
    for (const p of got) expect(p.message).toContain(p.key);
  });
});
