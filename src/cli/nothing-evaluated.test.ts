// A run that evaluated nothing is not a pass: one line saying why, and exit 2 — from `apply`, `check` and `report`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureOutput } from './testdata/capture-output.js';

const dir = fileURLToPath(new URL('./testdata/bad/', import.meta.url));
const output = captureOutput();

describe('nothing evaluated', () => {
  it.each([
    [
      'apply to a file that holds no Kubernetes object',
      ['apply', `${dir}good-policy.yaml`, '--resource', `${dir}not-kubernetes.yaml`],
      /^error: nothing was evaluated: no Kubernetes resources found in .*not-kubernetes\.yaml$/,
    ],
    [
      'apply to resources no rule applies to',
      ['apply', `${dir}good-policy.yaml`, '--resource', `${dir}configmap-only`],
      /^error: nothing was evaluated: no rule of the 1 policies applies to the 1 resources$/,
    ],
  ])('%s', async (_name, argv, message) => {
    expect(await main(argv)).toBe(2);
    expect(output.err.trim()).toMatch(message);
    expect(output.out).toBe('');
  });

  it.each([
    ['a repository without policies', `${dir}resources-only`, /nothing was checked: no Kyverno policies found in/],
    ['a repository without resources', `${dir}policies-only`, /nothing was checked: no Kubernetes resources found in/],
    ['an empty directory', `${dir}empty-dir`, /nothing was checked: no Kyverno policies found in/],
    [
      'resources no rule applies to',
      `${dir}configmap-only`,
      /nothing was checked: no rule of the 1 policies applies to the 1 resources/,
    ],
  ])('check of %s exits 2 and says why, also with --strict', async (_name, path, message) => {
    const policies = path.endsWith('configmap-only') ? ['--policies', `${dir}good-policy.yaml`] : [];
    for (const strict of [[], ['--strict']]) {
      output.out = '';
      expect(await main(['check', path, ...policies, ...strict])).toBe(2);
      expect(output.out).toMatch(message);
      expect(output.out).toContain('Nothing was checked.');
      expect(output.out).not.toContain('No failing checks');
    }
  });

  it.each([
    ['a path that does not exist', `${dir}nope`, /^error: .*nope: no such file or directory$/],
    [
      'a file',
      `${dir}pod.yaml`,
      /^error: .*pod\.yaml: not a directory: check takes the repository \(or a directory inside it\)$/,
    ],
  ])('check of %s is one line and exit 2', async (_name, path, message) => {
    expect(await main(['check', path])).toBe(2);
    expect(output.err.trim()).toMatch(message);
  });
});
