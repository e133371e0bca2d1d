// Distinguished names, general names and IP addresses in Go's JSON shapes (pkix.Name, SAN lists, net.IP).
import type { JsonObject, JsonValue } from '../../json.js';
import { type DerNode, Tag, X509Error, childrenOf, contents, isContext } from './der.js';
import { anyValue, latin1, oidInts, oidOf } from './values.js';

// Go's pkix.Name list fields filled from the attribute types 2.5.4.<n>, in struct order.
const NAME_LISTS: Record<string, string> = {
  '2.5.4.6': 'Country',
  '2.5.4.10': 'Organization',
  '2.5.4.11': 'OrganizationalUnit',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'Province',
  '2.5.4.9': 'StreetAddress',
  '2.5.4.17': 'PostalCode',
};
const NAME_STRINGS: Record<string, string> = { '2.5.4.5': 'SerialNumber', '2.5.4.3': 'CommonName' };

/** Go's `pkix.Name` (FillFromRDNSequence) as JSON: empty lists are null, every attribute also in `Names`. */
export function pkixName(rdnSequence: DerNode): JsonObject {
  const lists: Record<string, string[]> = {};
  const strings: Record<string, string> = { SerialNumber: '', CommonName: '' };
  const names: JsonValue[] = [];
  for (const rdn of childrenOf(rdnSequence, Tag.SEQUENCE, 'name')) {
    for (const atv of childrenOf(rdn, Tag.SET, 'name')) {
      const [typeNode, valueNode] = childrenOf(atv, Tag.SEQUENCE, 'name');
      const oid = oidOf(typeNode, 'name');
      const value = valueNode === undefined ? null : anyValue(valueNode);
      names.push({ Type: oidInts(oid), Value: value });
      if (typeof value !== 'string') continue;
      if (NAME_LISTS[oid] !== undefined) (lists[NAME_LISTS[oid]] ??= []).push(value);
      else if (NAME_STRINGS[oid] !== undefined) strings[NAME_STRINGS[oid]] = value;
    }
  }
  const name: JsonObject = {};
  for (const field of Object.values(NAME_LISTS)) name[field] = lists[field] ?? null;
  return { ...name, ...strings, Names: names.length > 0 ? names : null, ExtraNames: null };
}

/** Go's `net.IP.String()` of 4 or 16 address bytes (IPv4-mapped IPv6 prints as IPv4); other lengths → null. */
export function ipString(address: Uint8Array | string): string | null {
  const b = typeof address === 'string' ? Array.from(address, (c) => c.charCodeAt(0)) : Array.from(address);
  if (b.length === 4) return b.join('.');
  if (b.length !== 16) return null;
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return b.slice(12).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  const [start, len] = longestZeroRun(groups);
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (len < 2) return hex(groups);
  return `${hex(groups.slice(0, start))}::${hex(groups.slice(start + len))}`;
}

function longestZeroRun(groups: number[]): [number, number] {
  let best: [number, number] = [-1, 0];
  for (let i = 0; i < groups.length;) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best[1]) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  return best;
}

/** The SAN-style lists of a GeneralNames sequence (Go's parseSANExtension). */
export interface GeneralNameLists {
  DNSNames: string[];
  EmailAddresses: string[];
  IPAddresses: string[];
  URIs: string[];
}

/** Splits GeneralName nodes into DNS names [2], emails [1], IP addresses [7] and URIs [6]; others are skipped. */
export function generalNames(names: readonly DerNode[]): GeneralNameLists {
  const out: GeneralNameLists = { DNSNames: [], EmailAddresses: [], IPAddresses: [], URIs: [] };
  for (const n of names) {
    if (isContext(n, 2)) out.DNSNames.push(latin1(contents(n, 'SAN')));
    else if (isContext(n, 1)) out.EmailAddresses.push(latin1(contents(n, 'SAN')));
    else if (isContext(n, 6)) out.URIs.push(latin1(contents(n, 'SAN')));
    else if (isContext(n, 7)) out.IPAddresses.push(sanIp(contents(n, 'SAN')));
  }
  return out;
}

function sanIp(bytes: Uint8Array): string {
  const ip = ipString(bytes);
  if (ip === null) throw new X509Error(`x509: cannot parse IP address of length ${bytes.length}`);
  return ip;
}

/** The URI general names ([6]) among `names`. */
export function uriNames(names: readonly DerNode[]): string[] {
  return names.filter((n) => isContext(n, 6)).map((n) => latin1(contents(n, 'URI')));
}
