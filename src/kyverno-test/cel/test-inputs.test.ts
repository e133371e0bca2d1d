// The offline inputs of CEL tests: the context file, apiCallResponses and globalContextEntries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../engine/ports.js';
import { decodeContext } from './context-file.js';
import { decodeGlobalContext, globalContextLookup } from './global-context.js';
import { decodeHttpMocks, mockHttpService, UnmockedHttpCallError } from './http-mocks.js';

const load = (name: string) => parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const clock = fixedClock(new Date(0));

describe('decodeContext', () => {
  const ctx = decodeContext(load('context.yaml'));

  it('keeps resources and serves image metadata by the exact reference', () => {
    expect(ctx.resources.map((r) => r.kind)).toEqual(['ConfigMap']);
    expect(ctx.images.get('ghcr.io/acme/app:1')).toEqual({
      image: 'ghcr.io/acme/app:1',
      resolvedImage: '',
      registry: 'ghcr.io',
      repository: '',
      config: { architecture: 'amd64' },
    });
    expect(ctx.images.get('acme/app:1')).toBeUndefined();
  });

  it.each([
    [{ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values' }, /kind Context/],
    [{ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Context', spec: { extra: 1 } }, /unknown field "extra"/],
    [
      { apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Context', spec: { images: [{ tags: [] }] } },
      /unknown field "tags"/,
    ],
    [
      { apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Context', spec: { resources: [{ kind: 'Pod' }] } },
      /apiVersion and kind/,
    ],
  ])('rejects %j', (doc, message) => {
    expect(() => decodeContext(doc)).toThrow(message);
  });
});

describe('apiCallResponses mocks', () => {
  const http = mockHttpService(decodeHttpMocks(load('api-call-responses.yaml')));

  it.each([
    ['GET', 'https://api.example/items', { body: { from: 'get' }, statusCode: 200 }],
    ['POST', 'https://api.example/items', { body: { from: 'any' }, statusCode: 201 }],
    ['GET', '/api/v1/namespaces', { body: { from: 'path' }, statusCode: 200 }],
  ])('%s %s answers {body, statusCode}', (method, url, expected) => {
    expect(method === 'GET' ? http.get(url) : http.post(url, {})).toEqual(expected);
  });

  it('refuses unmocked calls instead of reaching the network', () => {
    expect(() => http.get('https://elsewhere.example/')).toThrow(UnmockedHttpCallError);
  });

  it.each([
    [[{ url: 'ftp://x', response: { body: {} } }], /absolute http/],
    [[{ url: 'https://x', response: { body: [] } }], /must be a JSON object/],
    [[{ url: 'https://x', response: { statusCode: 99, body: {} } }], /between 100 and 599/],
    [[{ url: 'https://x', method: 'PUT', response: { body: {} } }], /GET or POST/],
    [
      [
        { url: 'https://x', method: 'GET', response: { body: {} } },
        { url: 'https://x', method: 'get', response: { body: {} } },
      ],
      /duplicate/,
    ],
  ])('rejects %j', (raw, message) => {
    expect(() => decodeHttpMocks(raw)).toThrow(message);
  });
});

describe('globalContextEntries', () => {
  const files = (paths: string[]) => paths.map((p) => ({ kind: 'FromFile', metadata: { name: p } }));
  const lookup = globalContextLookup(decodeGlobalContext(load('global-context.yaml'), files, clock));

  it.each([
    ['deployments', undefined, [{ name: 'a' }, { name: 'b' }]],
    ['deployments', 'names', ['a', 'b']],
    ['from-files', undefined, [{ kind: 'FromFile', metadata: { name: 'objs.yaml' } }]],
    ['unknown', undefined, undefined],
  ])('%s (projection %s)', (name, projection, expected) => {
    expect(lookup(name, projection)).toEqual(expected);
  });

  it('an unknown projection is an error', () => {
    expect(() => lookup('deployments', 'nope')).toThrow(/projection "nope" not found/);
  });
});
