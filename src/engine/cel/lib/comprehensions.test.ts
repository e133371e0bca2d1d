import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comprehensionsLibrary } from './comprehensions.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

const env = envWith(comprehensionsLibrary);

describe('two-variable comprehensions', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/comprehensions.yaml', import.meta.url)), env);

  it('keeps the one-variable macros of cel-js', () => {
    expect(env.evaluate('[1, 2].all(x, x > 0) && {"a": 1}.exists(k, k == "a")')).toBe(true);
  });
});
