import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { listsLibrary } from './lists.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('ext.Lists v3 and Kubernetes lists', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/lists.yaml', import.meta.url)), envWith(listsLibrary));
});
