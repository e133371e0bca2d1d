// Kyverno `http` library (spec kyverno-cel-semantics §5.5 "http"): Get/Post/Client on a per-evaluation handle.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import type { JsonValue } from '../../json.js';
import type { HttpService } from './services.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { declareHandle, registerAliases } from './register.js';
import { celToStringMap, fromCel, toCel } from './values.js';

const T = 'kyverno.HTTP';
const HEADERS = 'map<string, string>';

/** The value bound to the `http` variable (and returned by `http.Client`). */
export class HttpHandle {
  constructor(readonly service: HttpService | undefined) {}
}

// The result shape ({body, statusCode} for mocks, statusCode merged for real calls) is the service's choice.
function call(h: HttpHandle, run: (s: HttpService) => JsonValue): unknown {
  if (!h.service) throw new KyvernoCelError('request failed: no HTTP access');
  try {
    // Decoded JSON: numbers are doubles, as Go's encoding/json yields float64.
    return toCel(run(h.service), 'double');
  } catch (e) {
    throw new KyvernoCelError(`request failed: ${errorMessage(e)}`, { cause: e });
  }
}

function get(h: HttpHandle, url: string, headers?: unknown): unknown {
  const hdrs = headers === undefined ? undefined : celToStringMap(headers, 'headers');
  return call(h, (s) => s.get(url, hdrs));
}

function post(h: HttpHandle, url: string, body: unknown, headers?: unknown): unknown {
  const hdrs = headers === undefined ? undefined : celToStringMap(headers, 'headers');
  const json = fromCel(body);
  return call(h, (s) => s.post(url, json, hdrs));
}

function client(h: HttpHandle, caBundle: string): HttpHandle {
  if (!h.service?.client) return h;
  try {
    return new HttpHandle(h.service.client(caBundle));
  } catch (e) {
    throw new KyvernoCelError(`request failed: ${errorMessage(e)}`, { cause: e });
  }
}

function register(env: Environment): void {
  declareHandle(env, 'http', T, HttpHandle);
  registerAliases(env, T, ['Get', 'get'], '(string): dyn', get);
  registerAliases(env, T, ['Get', 'get'], `(string, ${HEADERS}): dyn`, get);
  registerAliases(env, T, ['Post', 'post'], '(string, dyn): dyn', post);
  registerAliases(env, T, ['Post', 'post'], `(string, dyn, ${HEADERS}): dyn`, post);
  registerAliases(env, T, ['Client', 'client'], `(string): ${T}`, client);
}

/** The `http` variable's library. */
export const httpLibrary: CelLibrary = { name: 'kyverno.http', register };
