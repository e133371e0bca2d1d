import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { stringsLibrary } from './strings.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

const env = envWith(stringsLibrary);

describe('ext.Strings v2 additions', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/strings.yaml', import.meta.url)), env);
});

describe('string.format', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/string-format.yaml', import.meta.url)), env);
});
