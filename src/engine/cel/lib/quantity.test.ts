import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { quantityLibrary } from './quantity.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('Kubernetes quantity library', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/quantity.yaml', import.meta.url)), envWith(quantityLibrary));
});
