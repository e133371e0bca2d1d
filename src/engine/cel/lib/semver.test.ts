import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { semverLibrary } from './semver.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('Kubernetes semver library', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/semver.yaml', import.meta.url)), envWith(semverLibrary));
});
