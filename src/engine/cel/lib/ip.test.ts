import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { ipLibrary } from './ip.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

describe('Kubernetes ip and cidr libraries', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/ip.yaml', import.meta.url)), envWith(ipLibrary));
});
