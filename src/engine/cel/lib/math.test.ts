import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { mathLibrary } from './math.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('ext.Math', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/math.yaml', import.meta.url)), envWith(mathLibrary));
});
