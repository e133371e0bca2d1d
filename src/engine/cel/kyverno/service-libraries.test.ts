import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getOwn, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { fixedClock } from '../../ports.js';
import type { HttpService, KyvernoCelServices } from './services.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Case {
  name?: string;
  expr: string;
  value?: unknown;
  error?: string;
}

const data = parse(readFileSync(new URL('./testdata/services.yaml', import.meta.url), 'utf8')) as {
  http: JsonObject;
  images: Record<string, JsonObject>;
  globalContext: JsonObject;
  cases: Case[];
};

/** The CLI's mock lookup: METHOD:url first, then url; unmocked URLs fail like an unreachable server. */
function mockHttp(responses: JsonObject): HttpService {
  const find = (method: string, url: string): JsonValue => {
    const hit = getOwn(responses, `${method}:${url}`) ?? getOwn(responses, url);
    if (hit === undefined) throw new Error('connection refused');
    return hit;
  };
  return { get: (url) => find('GET', url), post: (url) => find('POST', url) };
}

const services: KyvernoCelServices = {
  clock: fixedClock(new Date(0)),
  http: mockHttp(data.http),
  imageData: (ref) => getOwn(data.images, ref) as JsonObject | undefined,
  globalContext: (name, projection) => {
    const entry = getOwn(data.globalContext, name);
    if (entry === undefined || projection === undefined) return entry;
    if (isObject(entry) && Object.hasOwn(entry, projection)) return entry[projection];
    throw new Error(`projection ${projection} not found`);
  },
};
const env = kyvernoTestEnv(['http', 'imagedata', 'globalcontext']);

describe('Kyverno service-backed libraries', () => {
  it.each(data.cases.map((c) => ({ ...c, title: c.name ?? c.expr })))('$title', (c) => {
    const outcome = evaluateKyverno(env, c.expr, services);
    if (c.error !== undefined) expect(outcome).toEqual({ error: expect.stringContaining(c.error) });
    else expect(outcome).toEqual({ value: c.value });
  });

  it('passes a real-call shape through unchanged (statusCode merged into the body)', () => {
    const real: HttpService = { get: () => ({ ok: true, statusCode: 200 }), post: () => null };
    const outcome = evaluateKyverno(env, 'http.Get("https://x").ok', { ...services, http: real });
    expect(outcome).toEqual({ value: true });
  });

  it('sends the JSON body and headers of http.Post to the service', () => {
    const seen: unknown[] = [];
    const spy: HttpService = { get: () => null, post: (url, body, headers) => (seen.push(url, body, headers), 1) };
    evaluateKyverno(env, 'http.Post("u", {"n": 1, "l": ["x"]}, {"h": "v"})', { ...services, http: spy });
    expect(seen).toEqual(['u', { n: 1, l: ['x'] }, { h: 'v' }]);
  });

  it('reports a missing http service as a request failure', () => {
    const outcome = evaluateKyverno(env, 'http.Get("u")', { clock: services.clock });
    expect(outcome).toEqual({ error: 'request failed: no HTTP access' });
  });
});
