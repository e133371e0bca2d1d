import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dns1123Label, qualifiedName } from './name-validation.js';
import { formatLibrary } from './format.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('Kubernetes format library', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/format.yaml', import.meta.url)), envWith(formatLibrary));
});

describe('apimachinery name validators', () => {
  it.each([
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['ok', []],
  ])('dns1123Label(%s)', (value, expected) => {
    expect(dns1123Label(value)).toEqual(expected);
  });

  it('reports both emptiness and the pattern for an empty qualified name', () => {
    expect(qualifiedName('')).toHaveLength(2);
  });
});
