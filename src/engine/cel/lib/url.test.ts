import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { urlLibrary } from './url.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('Kubernetes url library', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/url.yaml', import.meta.url)), envWith(urlLibrary));
});
