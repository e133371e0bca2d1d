import { describe, expect, it } from 'vitest';
import { teamLookup } from './team-lookup.js';
import { loadDocs } from './testdata/load.js';

const teamOf = teamLookup(loadDocs('resources.yaml'));

describe('teamLookup', () => {
  it.each([
    [
      'its own label',
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'payments' },
      'payments-api',
    ],
    ['its namespace label', { apiVersion: 'v1', kind: 'Pod', name: 'worker', namespace: 'payments' }, 'billing'],
    ['another namespace', { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'shop' }, 'storefront'],
    ['a labelled Namespace', { apiVersion: 'v1', kind: 'Namespace', name: 'shop' }, 'storefront'],
    ['an unlabelled Namespace', { apiVersion: 'v1', kind: 'Namespace', name: 'default' }, undefined],
    ['an unlabelled namespace', { apiVersion: 'v1', kind: 'Pod', name: 'x', namespace: 'default' }, undefined],
    ['an unknown namespace', { apiVersion: 'v1', kind: 'Pod', name: 'x', namespace: 'other' }, undefined],
    ['a cluster-scoped resource', { apiVersion: 'v1', kind: 'Node', name: 'shop' }, undefined],
    ['same name, other kind', { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: 'payments' }, 'billing'],
  ])('finds the team of %s', (_what, resource, team) => {
    expect(teamOf(resource)).toBe(team);
  });

  it('ignores objects without a string team label', () => {
    const lookup = teamLookup([{ kind: 'Namespace', metadata: { name: 'n', labels: { team: 3 } } }, { kind: 'Pod' }]);
    expect(lookup({ apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'n' })).toBeUndefined();
  });
});
