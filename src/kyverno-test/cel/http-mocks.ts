// Kyverno CLI: `apiCallResponses` as the `http` library's service (kyverno-cel-semantics §6.1, §5.5 "http").
import { isObject, type HttpService, type JsonObject, type JsonValue } from '../../engine/index.js';

interface Mock {
  readonly statusCode: number;
  readonly body: JsonObject;
}

/** Thrown for a call no mock answers: offline, Tollgate cannot make Kyverno's real HTTP request. */
export class UnmockedHttpCallError extends Error {
  constructor(method: string, url: string) {
    super(`no apiCallResponses entry for ${method} ${url} (Tollgate makes no network calls in tests)`);
  }
}

/** Decode `apiCallResponses`; throws an Error for an invalid or duplicate mock. */
export function decodeHttpMocks(raw: JsonValue | undefined): Map<string, Mock> {
  const mocks = new Map<string, Mock>();
  (Array.isArray(raw) ? raw : []).forEach((entry, i) => {
    const where = `apiCallResponses[${i}]`;
    if (!isObject(entry)) throw new Error(`${where} must be a map`);
    const url = String(entry.url ?? entry.urlPath ?? '');
    if (!/^https?:\/\//.test(url) && !url.startsWith('/'))
      throw new Error(`${where}: url must be an absolute http(s) URL or urlPath a path starting with /`);
    const method = entry.method === undefined ? '' : String(entry.method).toUpperCase();
    if (method !== '' && method !== 'GET' && method !== 'POST') throw new Error(`${where}: method must be GET or POST`);
    const response = isObject(entry.response) ? entry.response : {};
    const statusCode = response.statusCode === undefined ? 200 : Number(response.statusCode);
    if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
      throw new Error(`${where}: response.statusCode must be between 100 and 599`);
    if (!isObject(response.body)) throw new Error(`${where}: response.body is required and must be a JSON object`);
    const key = method ? `${method}:${url}` : url;
    if (mocks.has(key)) throw new Error(`${where}: duplicate mock for ${method || 'any method'} ${url}`);
    mocks.set(key, { statusCode, body: response.body });
  });
  return mocks;
}

/** An HttpService answering from mocks: `METHOD:url` first, then `url` alone (Kyverno CLI lookup order). */
export function mockHttpService(mocks: ReadonlyMap<string, Mock>): HttpService {
  const call = (method: string, url: string): JsonValue => {
    const mock = mocks.get(`${method}:${url}`) ?? mocks.get(url);
    if (!mock) throw new UnmockedHttpCallError(method, url);
    // Kyverno: a mocked call answers {body, statusCode}, not the body merged with statusCode (§5.5 quirk).
    return { body: mock.body, statusCode: mock.statusCode };
  };
  return { get: (url) => call('GET', url), post: (url) => call('POST', url) };
}
