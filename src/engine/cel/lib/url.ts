// Kyverno: spec §5.3 "URLs" — the Kubernetes url library.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { CelOpaque, celError } from './runtime.js';
import { escapedPath, hostAndPort, parseQuery, parseRequestUri, type ParsedUrl } from './url-parse.js';

const URL_TYPE = 'kubernetes.URL';

/** A CEL URL value; `==` compares the URL text. */
export class UrlValue extends CelOpaque {
  constructor(
    readonly text: string,
    readonly url: ParsedUrl,
  ) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return other instanceof UrlValue && other.text === this.text;
  }

  override toString(): string {
    return this.text;
  }
}

/** Kubernetes `url(s)`: an absolute URI or absolute path, else an error with Go's message. */
export function toUrl(s: string): UrlValue {
  const u = parseRequestUri(s);
  if ('error' in u) throw celError(u.error);
  return new UrlValue(s, u);
}

function register(env: Environment): void {
  const U = URL_TYPE;
  env.registerType(U, UrlValue);
  env.registerOperator(`${U} == ${U}`, (a: UrlValue, b: UrlValue) => a.celEquals(b));
  env.registerFunction(`url(string): ${U}`, toUrl);
  env.registerFunction('isURL(string): bool', (s: string) => !('error' in parseRequestUri(s)));
  env.registerFunction(`${U}.getScheme(): string`, (u: UrlValue) => u.url.scheme);
  env.registerFunction(`${U}.getHost(): string`, (u: UrlValue) => u.url.host);
  env.registerFunction(`${U}.getHostname(): string`, (u: UrlValue) => hostAndPort(u.url.host).hostname);
  env.registerFunction(`${U}.getPort(): string`, (u: UrlValue) => hostAndPort(u.url.host).port);
  env.registerFunction(`${U}.getEscapedPath(): string`, (u: UrlValue) => escapedPath(u.url));
  env.registerFunction(`${U}.getQuery(): map<string, list<string>>`, (u: UrlValue) => parseQuery(u.url.rawQuery));
}

/** Kubernetes url library: url(), isURL() and the URL getters. */
export const urlLibrary: CelLibrary = { name: 'kubernetes.url', register };
