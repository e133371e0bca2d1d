// Kyverno: spec §5.3 "URLs" — Go `url.ParseRequestURI` and the URL accessors the Kubernetes url library exposes.

/** The parts of a URL that the CEL accessors read. */
export interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly opaque: string;
}

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const PATH_OK = /[$&+,/:;=@]/;
const VALID_ENCODED = /[!$&'()*+,;=:@[\]%]/;

/** Go `url.Error` text for a parse failure. */
function urlError(raw: string, msg: string): { error: string } {
  return { error: `parse ${JSON.stringify(raw)}: ${msg}` };
}

/** Percent-decoding; undefined when an escape is malformed. */
function unescape(s: string, plusAsSpace: boolean): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  const text = plusAsSpace ? s.replaceAll('+', ' ') : s;
  const bytes = Buffer.from(
    text.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  );
  return /%/.test(s) ? bytes.toString('utf8') : text;
}

/** Go `escape(s, encodePath)`: every byte outside the unreserved and path-safe sets as %XX. */
function escapePath(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return b < 0x80 && (UNRESERVED.test(c) || PATH_OK.test(c))
        ? c
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function validEncodedPath(s: string): boolean {
  return [...s].every((c) => UNRESERVED.test(c) || PATH_OK.test(c) || VALID_ENCODED.test(c));
}

/** Go `getScheme`: the scheme when the text starts with one, "" when there is none. */
function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(raw);
  if (m) return { scheme: m[1].toLowerCase(), rest: raw.slice(m[0].length) };
  if (raw.startsWith(':')) return urlError(raw, 'missing protocol scheme');
  return { scheme: '', rest: raw };
}

/** Go host validation: a bracketed IPv6 literal or a name, then an optional `:digits` port. */
function checkHost(raw: string, host: string): { error: string } | undefined {
  let name = host;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return urlError(raw, "missing ']' in host");
    const port = host.slice(end + 1);
    if (port !== '' && !/^:[0-9]*$/.test(port)) return urlError(raw, `invalid port ${JSON.stringify(port)} after host`);
    return undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    if (!/^:[0-9]*$/.test(host.slice(colon)))
      return urlError(raw, `invalid port ${JSON.stringify(host.slice(colon))} after host`);
    name = host.slice(0, colon);
  }
  const bad = /[^A-Za-z0-9\-_.~!$&'()*+,;=%]/.exec(name);
  if (bad) return urlError(raw, `invalid character ${JSON.stringify(bad[0])} in host name`);
  return unescape(name, false) === undefined ? urlError(raw, `invalid URL escape in host`) : undefined;
}

/** Go `url.ParseRequestURI`: an absolute URI or an absolute path (no fragment handling: `#` stays in the path). */
export function parseRequestUri(raw: string): ParsedUrl | { error: string } {
  if ([...raw].some((c) => c < ' ' || c === '\x7f')) return urlError(raw, 'net/url: invalid control character in URL');
  if (raw === '') return urlError(raw, 'empty url');
  const split = splitScheme(raw);
  if ('error' in split) return split;
  let rest = split.rest;
  const q = rest.indexOf('?');
  const rawQuery = q < 0 ? '' : rest.slice(q + 1);
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (split.scheme !== '') return { scheme: split.scheme, host: '', path: '', rawPath: '', rawQuery, opaque: rest };
    return urlError(raw, 'invalid URI for request');
  }
  let host = '';
  if (split.scheme !== '' && rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
    host = authority.slice(authority.lastIndexOf('@') + 1);
    const hostError = checkHost(raw, host);
    if (hostError) return hostError;
  }
  const path = unescape(rest, false);
  if (path === undefined)
    return urlError(
      raw,
      `invalid URL escape ${JSON.stringify(/%.{0,2}/.exec(rest.slice(rest.search(/%(?![0-9A-Fa-f]{2})/)))?.[0])}`,
    );
  return { scheme: split.scheme, host, path, rawPath: rest, rawQuery, opaque: '' };
}

/** Go `URL.EscapedPath`: the path as written when that is a valid encoding, otherwise re-escaped. */
export function escapedPath(u: ParsedUrl): string {
  if (u.rawPath !== '' && validEncodedPath(u.rawPath) && unescape(u.rawPath, false) === u.path) return u.rawPath;
  return u.path === '*' ? '*' : escapePath(u.path);
}

/** Go `splitHostPort` on `URL.Host`: hostname (brackets removed) and port ("" when absent). */
export function hostAndPort(host: string): { hostname: string; port: string } {
  const colon = host.lastIndexOf(':');
  let hostname = host;
  let port = '';
  if (colon >= 0 && /^:[0-9]*$/.test(host.slice(colon))) {
    hostname = host.slice(0, colon);
    port = host.slice(colon + 1);
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** Go `URL.Query()`: `&`-separated pairs, `+` as space; pairs with `;` or bad escapes are dropped. */
export function parseQuery(rawQuery: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = unescape(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = unescape(eq < 0 ? '' : pair.slice(eq + 1), true);
    if (key === undefined || value === undefined) continue;
    (out[key] ??= []).push(value);
  }
  return out;
}
