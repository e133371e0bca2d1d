import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { regexLibrary } from './regex.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('regex functions', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/regex.yaml', import.meta.url)), envWith(regexLibrary));
});
