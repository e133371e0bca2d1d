import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { jsonPatchLibrary } from './jsonpatch.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('jsonpatch.escapeKey', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/jsonpatch.yaml', import.meta.url)), envWith(jsonPatchLibrary));
});
