import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { encodersLibrary } from './encoders.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('ext.Encoders', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/encoders.yaml', import.meta.url)), envWith(encodersLibrary));
});
