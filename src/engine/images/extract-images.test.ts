import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { extractImages, ImageExtractionError } from './extract-images.js';

interface Case {
  name: string;
  resource: JsonObject;
  defaultRegistry?: string;
  /** Expected `images` variable; null = none. */
  want?: JsonObject | null;
  /** Expected ImageExtractionError message fragment. */
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/images.yaml', import.meta.url), 'utf8')) as Case[];

describe('extractImages', () => {
  it.each(cases)('$name', (c) => {
    const run = () => extractImages(c.resource, c.defaultRegistry);
    if (c.error !== undefined) {
      expect(run).toThrow(ImageExtractionError);
      expect(run).toThrow(c.error);
    } else {
      expect(run()).toEqual(c.want ?? undefined);
    }
  });
});
