import { describe, expect, it } from 'vitest';
import { crdPlurals, groupOf, pluralResourceOf, versionOf } from './rest-mapping.js';

describe('pluralResourceOf', () => {
  const crds = crdPlurals([
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: { group: 'example.io', names: { kind: 'Octopus', plural: 'octopi' } },
    },
  ]);

  it.each([
    ['v1', 'Pod', 'pods'],
    ['v1', 'ConfigMap', 'configmaps'],
    ['networking.k8s.io/v1', 'Ingress', 'ingresses'],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies'],
    ['v1', 'Endpoints', 'endpoints'],
    ['argoproj.io/v1alpha1', 'Application', 'applications'],
    ['example.io/v1', 'Octopus', 'octopi'],
    ['other.io/v1', 'Octopus', 'octopuses'],
  ])('%s %s → %s', (apiVersion, kind, plural) => {
    expect(pluralResourceOf(apiVersion, kind, crds)).toBe(plural);
  });

  it.each([
    ['v1', '', 'v1'],
    ['apps/v1', 'apps', 'v1'],
  ])('splits %s into group %j and version %j', (apiVersion, group, version) => {
    expect([groupOf(apiVersion), versionOf(apiVersion)]).toEqual([group, version]);
  });
});
