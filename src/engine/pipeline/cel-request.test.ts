import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { fixedClock } from '../ports.js';
import { cliCelRequest } from './cel-request.js';
import { cliRequest } from './requests.js';
import type { EvaluationServices, SubresourceMapping } from './types.js';

const pod: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' } };
const shop = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { env: 'prod' } } };

interface Inputs {
  readonly operation?: string;
  readonly userInfo?: JsonObject;
  readonly subresources?: readonly SubresourceMapping[];
}

// The CLI's CEL request for `resource` (as mutated so far) with `original` as loaded.
function buildCelRequest(resource: JsonObject, inputs: Inputs = {}, original = resource) {
  const user = inputs.userInfo && { username: '', groups: [], roles: [], clusterRoles: [], userInfo: inputs.userInfo };
  const services: EvaluationServices = {
    clock: fixedClock(new Date(0)),
    namespaces: (name) => (name === 'shop' ? shop : undefined),
    restMapping: { subresources: inputs.subresources },
  };
  return cliCelRequest(cliRequest(original, { operation: inputs.operation, user }), resource, original, services);
}
const inputs = (over: Inputs = {}): Inputs => over;

describe('cliCelRequest', () => {
  it.each([
    ['CREATE', true, false],
    ['UPDATE', true, true],
    ['DELETE', false, true],
  ] as const)('%s: object %s, oldObject %s', (operation, hasObject, hasOld) => {
    const req = buildCelRequest(pod, inputs({ operation }));
    expect([req.object !== null, req.oldObject !== null, req.admission.operation]).toEqual([
      hasObject,
      hasOld,
      operation,
    ]);
  });

  it('fills the admission request from the resource, the REST mapping and the user', () => {
    const req = buildCelRequest(pod, inputs({ userInfo: { username: 'alice', groups: ['dev'] } }));
    expect(req.admission).toMatchObject({
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      subResource: '',
      name: 'p',
      namespace: 'shop',
      userInfo: { username: 'alice', uid: '', groups: ['dev'], extra: {} },
      dryRun: false,
    });
    expect(req.numbersAsDouble).toBe(true);
  });

  it.each([
    ['a listed namespace', pod, { env: 'prod' }, true],
    [
      'an unlisted namespace',
      { ...pod, metadata: { name: 'p', namespace: 'dev' } },
      { 'kubernetes.io/metadata.name': 'dev' },
      false,
    ],
    [
      'a Namespace itself',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { a: 'b' } } },
      { a: 'b' },
      false,
    ],
  ])('namespace labels and object of %s', (_what, resource, labels, hasNamespaceObject) => {
    const req = buildCelRequest(resource as JsonObject, inputs());
    expect(req.namespaceLabels).toEqual(labels);
    expect(req.namespaceObject !== null).toBe(hasNamespaceObject);
  });

  it('requests a declared subresource through its parent', () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'shop' } };
    const subresources = [
      {
        subresource: { name: 'deployments/scale', kind: 'Scale', group: 'autoscaling', version: 'v1' },
        parentResource: { name: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1' },
      },
    ];
    expect(buildCelRequest(scale, inputs({ subresources })).admission).toMatchObject({
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { resource: 'deployments' },
      subResource: 'scale',
    });
  });

  it('takes oldObject from the unmutated trigger', () => {
    const mutated = { ...pod, metadata: { name: 'p', namespace: 'shop', labels: { x: 'y' } } };
    const req = buildCelRequest(mutated, inputs({ operation: 'UPDATE' }), pod);
    expect([req.object, req.oldObject]).toEqual([mutated, pod]);
  });
});
