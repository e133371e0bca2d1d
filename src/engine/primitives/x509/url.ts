// Go's `url.Parse` result as JSON (the `*url.URL` struct), for the URIs of decoded SANs (x509_decode, x509.decode).
import type { JsonObject } from '../../json.js';

/**
 * The fields of Go's url.URL for `raw`: Scheme (lowercased), Opaque, User (`{}` when userinfo is present,
 * as Userinfo has no exported fields), Host, Path, RawQuery, Fragment and flags. Percent-escapes are
 * decoded in Path and Fragment; RawPath/RawFragment stay empty (Go sets them only for non-canonical escaping).
 */
export function goUrl(raw: string): JsonObject {
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? raw.slice(hash + 1) : '';
  let rest = hash >= 0 ? raw.slice(0, hash) : raw;
  const out: JsonObject = {
    Scheme: '',
    Opaque: '',
    User: null,
    Host: '',
    Path: '',
    RawPath: '',
    OmitHost: false,
    ForceQuery: false,
    RawQuery: '',
    Fragment: unescape(fragment),
    RawFragment: '',
  };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (scheme) {
    out.Scheme = scheme[1].toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  const query = rest.indexOf('?');
  if (query >= 0) {
    out.RawQuery = rest.slice(query + 1);
    out.ForceQuery = out.RawQuery === '';
    rest = rest.slice(0, query);
  }
  if (out.Scheme !== '' && !rest.startsWith('/')) return { ...out, Opaque: rest };
  if (rest.startsWith('//') && (out.Scheme !== '' || !rest.startsWith('///'))) {
    const slash = rest.indexOf('/', 2);
    const authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
    const at = authority.lastIndexOf('@');
    if (at >= 0) out.User = {};
    out.Host = authority.slice(at + 1);
  } else if (out.Scheme !== '' && rest.startsWith('/')) {
    out.OmitHost = true;
  }
  return { ...out, Path: unescape(rest) };
}

function unescape(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
