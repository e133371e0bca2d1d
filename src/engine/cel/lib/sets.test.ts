import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { setsLibrary } from './sets.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('ext.Sets', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/sets.yaml', import.meta.url)), envWith(setsLibrary));
});
