import { readFileSync } from 'node:fs';
import { describe } from 'vitest';
import { overrideBuiltins } from '../builtin-overrides.js';
import { stringsLibrary } from './strings.js';
import { envWith, itEvaluatesCases } from './testdata/cel-cases.js';

const env = envWith(stringsLibrary);
overrideBuiltins(env);

describe('ext.Strings v2 additions', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/strings.yaml', import.meta.url)), env);
});

describe('cel-js string built-ins with cel-go semantics', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/string-builtins.yaml', import.meta.url)), env);
});

describe('string.format', () => {
  itEvaluatesCases(readFileSync(new URL('./testdata/string-format.yaml', import.meta.url)), env);
});
