import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../json.js';
import type { ClusterReader } from '../ports.js';
import { compileContextEntries, registerContextEntries } from './entries.js';
import { JsonContext } from './json-context.js';
import { QueryCache } from './query-cache.js';

const contextOf = (data: JsonObject) =>
  new JsonContext(data, new QueryCache(), { clock: { now: () => new Date(0) } }, false);

const pods = { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'p' } }] };

const cluster: ClusterReader = {
  getConfigMap: () => undefined,
  apiCall: (urlPath) => {
    if (urlPath === '/api/v1/pods') return pods;
    throw new Error(`no mock for ${urlPath}`);
  },
  getResource: () => undefined,
  listResources: () => [],
};

// A variable that fails: `keys` of a missing field.
const BAD = '{{ request.object.metadata.nothing | keys(@) }}';
const BAD_CAUSE =
  'failed to resolve request.object.metadata.nothing | keys(@) at path /PATH: JMESPath query failed: Invalid type for: <nil>, expected: []jmespath.JpType{"object"}';
const cause = (path: string) => BAD_CAUSE.replace('/PATH', path);

// Kyverno v1.19.1's texts (pkg/engine/context/loaders/apicall.go, pkg/engine/apicall/apiCall.go), checked with its CLI.
const cases: { name: string; apiCall: JsonObject; want?: JsonValue; error?: string }[] = [
  {
    name: 'urlPath call with its jmesPath',
    apiCall: { urlPath: '/api/v1/pods', jmesPath: 'items[].metadata.name' },
    want: ['p'],
  },
  {
    name: 'a variable failing in jmesPath names the urlPath as written',
    apiCall: { urlPath: '/api/v1/pods', jmesPath: `items[?metadata.name == '${BAD}']` },
    error: `failed to fetch data for APICall: failed to substitute variables in context entry e /api/v1/pods: ${cause('/jmesPath')}`,
  },
  {
    name: 'a variable failing in urlPath',
    apiCall: { urlPath: `/api/v1/namespaces/${BAD}/pods` },
    error: `failed to fetch data for APICall: failed to substitute variables in context entry e /api/v1/namespaces/${BAD}/pods: ${cause('/urlPath')}`,
  },
  {
    name: 'a variable failing in POST data',
    apiCall: { method: 'POST', urlPath: '/apis/x/v1/reviews', data: [{ key: 'spec', value: { user: BAD } }] },
    error: `failed to fetch data for APICall: failed to substitute variables in context entry e /apis/x/v1/reviews: ${cause('/data/0/value/user')}`,
  },
  {
    name: 'a variable failing in a service call: no urlPath to print',
    apiCall: { service: { url: `https://svc.example/${BAD}` } },
    error: `failed to fetch data for APICall: failed to substitute variables in context entry e : ${cause('/service/url')}`,
  },
  {
    name: 'a default does not cover a substitution error',
    apiCall: { urlPath: `/api/v1/namespaces/${BAD}/pods`, default: 'd' },
    error: `failed to fetch data for APICall: failed to substitute variables in context entry e /api/v1/namespaces/${BAD}/pods: ${cause('/urlPath')}`,
  },
  {
    name: 'a jmesPath failing on the response',
    apiCall: { urlPath: '/api/v1/pods', jmesPath: 'items | keys(@)' },
    error:
      'failed to store data for APICall: failed to apply JMESPath items | keys(@) for context entry e: ' +
      'Invalid type for: [map[metadata:map[name:p]]], expected: []jmespath.JpType{"object"}',
  },
  { name: 'a failing call with a default', apiCall: { urlPath: '/api/v1/nodes', default: 'd' }, want: 'd' },
];

describe('apiCall context entries', () => {
  it.each(cases)('$name', ({ apiCall, want, error }) => {
    const ctx = contextOf({ request: { object: { metadata: { name: 'p' } } } });
    registerContextEntries(compileContextEntries([{ name: 'e', apiCall }]), ctx, { cluster, policyNamespace: '' });
    if (error !== undefined) expect(() => ctx.query('e')).toThrow(new Error(error));
    else expect(ctx.query('e')).toEqual(want);
  });
});

// A constant variable is set at once; the others load when a query names them. Either way a query reads the same.
const variableCases: { name: string; variable: JsonObject; want?: JsonValue; error?: string }[] = [
  {
    name: 'a constant list',
    variable: { value: ['ghcr.io/acme/*', 'registry.acme.example/*'] },
    want: ['ghcr.io/acme/*', 'registry.acme.example/*'],
  },
  { name: 'a constant map', variable: { value: { team: 'a', tier: 1 } }, want: { team: 'a', tier: 1 } },
  { name: 'a value with a variable', variable: { value: '{{ request.object.metadata.name }}' }, want: 'p' },
  { name: 'an escaped variable is not a constant', variable: { value: ['\\{{ literal }}'] }, want: ['{{ literal }}'] },
  { name: 'a value queried with jmesPath', variable: { value: { a: [1, 2] }, jmesPath: 'a[1]' }, want: 2 },
  {
    name: 'a null value fails when read',
    variable: { value: null },
    error: 'failed to add context entry for variable e since it evaluated to nil',
  },
  {
    name: 'a default with a failing variable fails though the value is constant',
    variable: { value: ['x'], default: BAD },
    error: `failed to load context entry e: ${cause('')}`,
  },
];

describe('variable context entries', () => {
  it.each(variableCases)('$name', ({ variable, want, error }) => {
    const ctx = contextOf({ request: { object: { metadata: { name: 'p' } } } });
    registerContextEntries(compileContextEntries([{ name: 'e', variable }]), ctx, { policyNamespace: '' });
    if (error !== undefined) expect(() => ctx.query('e')).toThrow(new Error(error));
    else expect(ctx.query('e')).toEqual(want);
  });

  it('a constant that no query reads costs no load, and a later entry of the same name wins', () => {
    const ctx = contextOf({});
    registerContextEntries(
      compileContextEntries([
        { name: 'e', variable: { value: ['first'] } },
        { name: 'e', variable: { value: '{{ other }}' } },
        { name: 'other', variable: { value: 'second' } },
      ]),
      ctx,
      { policyNamespace: '' },
    );
    expect(ctx.query('e')).toEqual('second');
  });
});

describe('compileContextEntries', () => {
  it('keeps the entries that can load something, in order, constants decided once', () => {
    const entries = compileContextEntries([
      { name: 'allowed', variable: { value: ['a', 'b'] } },
      { name: 'owner', variable: { jmesPath: 'request.object.metadata.labels.team' } },
      { name: 'cm', configMap: { name: 'settings', namespace: 'default' } },
      { name: 'pods', apiCall: { urlPath: '/api/v1/pods' } },
      { name: 'reg', imageRegistry: { reference: 'ghcr.io/acme/app:1' } },
      { variable: { value: 1 } },
      'junk',
    ]);
    expect(entries?.map((e) => [e.kind, e.name])).toEqual([
      ['constant', 'allowed'],
      ['variable', 'owner'],
      ['configMap', 'cm'],
      ['apiCall', 'pods'],
    ]);
    expect(compileContextEntries(undefined)).toBeUndefined();
    expect(compileContextEntries([{ name: 'reg', imageRegistry: {} }, 'junk'])).toBeUndefined();
  });

  it('loads configMap and apiCall entries only with a cluster', () => {
    const ctx = contextOf({});
    registerContextEntries(compileContextEntries([{ name: 'pods', apiCall: { urlPath: '/api/v1/pods' } }]), ctx, {
      policyNamespace: '',
    });
    expect(ctx.has('pods')).toBe(false);
  });
});
