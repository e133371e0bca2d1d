// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The engine is pure: no file, network, clock, environment or console access.
const pureImports = {
  group: ['node:fs*', 'node:net', 'node:http*', 'node:child_process', 'fs', 'fs/*', 'http', 'https', 'net', 'child_process'],
  message: 'The engine is pure: files and the network come in through its ports (src/engine/ports.ts).',
};
// The engine's face is src/engine/index.ts: code outside the engine imports nothing else of it (docs/architecture.md).
const engineBoundary = {
  group: ['**/engine/**', '!**/engine/index.js'],
  message: 'Import the engine through src/engine/index.ts (dist/engine/index.js); its other modules are internal.',
};
const tests = ['**/*.test.ts', '**/testdata/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A CommonJS preload of the benchmarks (node -r).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setTimeout: 'readonly', Buffer: 'readonly', structuredClone: 'readonly' },
    },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.mjs', 'conformance/**/*.mjs'],
    ignores: ['src/engine/**', ...tests],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineBoundary] }] },
  },
  {
    files: ['src/engine/**/*.ts', 'src/server/admission/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [pureImports] }],
      'no-restricted-globals': ['error', 'process', 'console', 'fetch'],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected Clock.',
        },
      ],
    },
  },
  {
    // The admission core is pure too, and a driver: both rules at once (a later rule setting replaces an earlier one).
    files: ['src/server/admission/**/*.ts'],
    ignores: tests,
    rules: { 'no-restricted-imports': ['error', { patterns: [pureImports, engineBoundary] }] },
  },
  {
    // Tests and their helpers in testdata/ (never built into dist) may read fixtures and engine internals.
    files: tests,
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
