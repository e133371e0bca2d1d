import { describe, expect, it } from 'vitest';
import { parseKindSelector, type AdmissionInterest, type JsonObject } from '../engine/index.js';
import { builtinResources, crdResources } from './api-resources.js';
import { webhookRules } from './webhook-rules.js';

const ALL = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

function kind(text: string, operations = ALL, namespaced = false): AdmissionInterest {
  return {
    form: 'kind',
    stage: 'validate',
    policy: 'p',
    rule: 'r',
    namespaced,
    kind: parseKindSelector(text),
    operations,
  };
}

function resources(rs: string[], operations: string[], scope = '*'): AdmissionInterest {
  return {
    form: 'resources',
    stage: 'validate',
    policy: 'p',
    namespaced: false,
    apiGroups: [''],
    apiVersions: ['v1'],
    resources: rs,
    operations,
    scope,
  };
}

// One line per rule: group/versions resources [operations] scope.
function lines(interests: AdmissionInterest[], table = builtinResources()): string[] {
  return webhookRules(interests, table).rules.map(
    (r) =>
      `${r.apiGroups.join('|')}/${r.apiVersions.join('|')} ${r.resources.join(',')} [${r.operations.join(',')}] ${r.scope}`,
  );
}

const cases: { name: string; interests: AdmissionInterest[]; rules: string[] }[] = [
  {
    name: 'a Pod kind also sends pods/ephemeralcontainers',
    interests: [kind('Pod', ['CREATE', 'UPDATE'])],
    rules: ['/v1 pods,pods/ephemeralcontainers [CREATE,UPDATE] Namespaced'],
  },
  {
    name: 'a kind without group resolves in every group that serves it',
    interests: [kind('Event', ['CREATE'])],
    rules: ['/v1 events [CREATE] Namespaced', 'events.k8s.io/v1 events [CREATE] Namespaced'],
  },
  {
    name: 'every served version, in one rule',
    interests: [kind('HorizontalPodAutoscaler', ['CREATE'])],
    rules: ['autoscaling/v1|v2 horizontalpodautoscalers [CREATE] Namespaced'],
  },
  {
    name: 'a group/version/kind selector resolves in that group only; cluster-scoped resources get scope *',
    interests: [kind('rbac.authorization.k8s.io/v1/ClusterRole', ['CREATE']), kind('Namespace', ['DELETE'])],
    rules: ['/v1 namespaces [DELETE] *', 'rbac.authorization.k8s.io/v1 clusterroles [CREATE] *'],
  },
  {
    name: 'resources with the same operations share a rule; different operations split it',
    interests: [
      kind('Deployment', ['CREATE', 'UPDATE']),
      kind('StatefulSet', ['UPDATE', 'CREATE']),
      kind('DaemonSet', ['CREATE']),
    ],
    rules: ['apps/v1 daemonsets [CREATE] Namespaced', 'apps/v1 deployments,statefulsets [CREATE,UPDATE] Namespaced'],
  },
  {
    name: 'a subresource selector names the subresource',
    interests: [kind('Pod/exec', ['CONNECT']), kind('Deployment/scale', ['UPDATE'])],
    rules: ['/v1 pods/exec [CONNECT] Namespaced', 'apps/v1 deployments/scale [UPDATE] Namespaced'],
  },
  {
    name: 'kind * is not looked up: all resources, in the policy scope, which covers the namespaced kinds',
    interests: [kind('*', ['CREATE'], true), kind('ConfigMap', ['CREATE']), kind('Namespace', ['CREATE'])],
    rules: ['/v1 namespaces [CREATE] *', '*/* *,pods/ephemeralcontainers [CREATE] Namespaced'],
  },
  {
    name: 'an entry a wildcard already sends is dropped',
    interests: [kind('*/*', ['CREATE']), kind('ConfigMap', ['CREATE', 'UPDATE'])],
    rules: ['/v1 configmaps [UPDATE] Namespaced', '*/* */* [CREATE] *'],
  },
  {
    name: 'CEL resource rules pass through; operation * covers the others',
    interests: [resources(['services'], ['*']), resources(['services', 'pods'], ['CREATE'], 'Namespaced')],
    rules: ['/v1 pods [CREATE] Namespaced', '/v1 services [*] *'],
  },
];

describe('webhookRules', () => {
  it.each(cases)('$name', ({ interests, rules }) => {
    expect(lines(interests)).toEqual(rules);
  });

  it('reports kinds no API resource serves, and resolves them from a CustomResourceDefinition', () => {
    const interest = kind('cert-manager.io/v1/Certificate', ['CREATE']);
    expect(webhookRules([interest], builtinResources()).unresolved).toEqual([interest]);
    const crd: JsonObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'certificates.cert-manager.io' },
      spec: {
        group: 'cert-manager.io',
        names: { kind: 'Certificate', plural: 'certificates' },
        scope: 'Namespaced',
        versions: [
          { name: 'v1', served: true, storage: true, subresources: { status: {} } },
          { name: 'v1alpha2', served: false, storage: false },
        ],
      },
    };
    const table = [...builtinResources(), ...crdResources([crd])];
    expect(webhookRules([interest], table).unresolved).toEqual([]);
    expect(lines([interest], table)).toEqual(['cert-manager.io/v1 certificates [CREATE] Namespaced']);
  });
});
