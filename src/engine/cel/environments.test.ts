import { describe, expect, it } from 'vitest';
import { compileCel } from './compile.js';
import { celEnvironmentFor } from './environments.js';
import type { CelPolicyKind } from './environment.js';

// Kyverno: kyverno-cel-semantics §5.4 — library availability by kind.
describe('celEnvironmentFor', () => {
  it.each<[string, CelPolicyKind, string, boolean]>([
    ['K8s quantity in validate.cel', 'validate.cel', "quantity('1Gi').isGreaterThan(quantity('1Mi'))", true],
    ['two-variable all in validate.cel', 'validate.cel', 'object.spec.containers.all(i, c, i >= 0)', true],
    ['params in validate.cel', 'validate.cel', "params.data.x == 'y'", true],
    ['no Kyverno image library in validate.cel', 'validate.cel', "image('nginx').registry() == 'x'", false],
    ['math ext in ValidatingPolicy', 'ValidatingPolicy', 'math.greatest(1, 2) == 2', true],
    [
      'resource.Get in ValidatingPolicy',
      'ValidatingPolicy',
      "resource.Get('v1', 'configmaps', 'ns', 'n') != null",
      true,
    ],
    ['parseServiceAccount in ValidatingPolicy', 'ValidatingPolicy', "parseServiceAccount('x').Name == ''", true],
    ['no generator in ValidatingPolicy', 'ValidatingPolicy', "generator.Apply('ns', []) == true", false],
    ['jsonpatch in MutatingPolicy', 'MutatingPolicy', "jsonpatch.escapeKey('a/b') == 'a~1b'", true],
    ['no jsonpatch in ValidatingPolicy', 'ValidatingPolicy', "jsonpatch.escapeKey('a/b') == 'a~1b'", false],
    ['x509.decode in ValidatingPolicy', 'ValidatingPolicy', "x509.decode('x') != null", true],
    ['no x509 in validate.cel', 'validate.cel', "x509.decode('x') != null", false],
    ['generator in GeneratingPolicy', 'GeneratingPolicy', "generator.Apply('ns', []) == true", true],
  ])('%s', (_n, kind, source, compiles) => {
    const result = compileCel(celEnvironmentFor(kind), source, 'bool');
    expect(result.ok, result.ok ? '' : result.error.message).toBe(compiles);
  });

  it('builds each environment once', () => {
    expect(celEnvironmentFor('ValidatingPolicy')).toBe(celEnvironmentFor('ValidatingPolicy'));
    expect(celEnvironmentFor('ValidatingPolicy', { namespaced: true })).not.toBe(celEnvironmentFor('ValidatingPolicy'));
  });
});
