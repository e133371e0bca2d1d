import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseImageReference, type ImageReference } from './image-reference.js';

const cases = parse(readFileSync(new URL('./testdata/image-reference.yaml', import.meta.url), 'utf8')) as {
  valid: { image: string; defaultRegistry?: string; want: ImageReference }[];
  invalid: string[];
};

describe('parseImageReference', () => {
  it.each(cases.valid)('$image', ({ image, defaultRegistry, want }) => {
    expect(parseImageReference(image, defaultRegistry)).toEqual(want);
  });

  it.each(cases.invalid)('rejects %j', (image) => {
    expect(parseImageReference(image)).toBeUndefined();
  });
});
