// Pieces of Go's x509 JSON form: pkix.Name, validity times, and the extensions Go decodes into fields.
import { setKey, type Value, type ValueObject } from '../values.js';
import { base64Of, bigIntOf, bitStringBytes, children, oidOf, readNode, stringOf, type DerNode } from './der.js';

const NAME_FIELDS: Record<string, string> = {
  '2.5.4.6': 'Country',
  '2.5.4.10': 'Organization',
  '2.5.4.11': 'OrganizationalUnit',
  '2.5.4.7': 'Locality',
  '2.5.4.8': 'Province',
  '2.5.4.9': 'StreetAddress',
  '2.5.4.17': 'PostalCode',
};

/** pkix.Name from an RDNSequence: list fields, SerialNumber, CommonName, Names (every attribute), ExtraNames. */
export function nameOf(node: DerNode): ValueObject {
  const name: ValueObject = {};
  for (const field of Object.values(NAME_FIELDS)) name[field] = null;
  Object.assign(name, { SerialNumber: '', CommonName: '' });
  const names: Value[] = [];
  for (const attribute of children(node).flatMap(children)) {
    const [type, value] = children(attribute);
    const oid = oidOf(type);
    const text = stringOf(value);
    names.push({ Type: oid, Value: text });
    const key = oid.join('.');
    if (key === '2.5.4.3') name.CommonName = text;
    else if (key === '2.5.4.5') name.SerialNumber = text;
    else if (Object.hasOwn(NAME_FIELDS, key))
      name[NAME_FIELDS[key]] = [...((name[NAME_FIELDS[key]] as Value[] | null) ?? []), text];
  }
  return { ...name, Names: names, ExtraNames: null };
}

/** UTCTime / GeneralizedTime as Go's JSON time (RFC 3339, UTC). */
export function timeOf(node: DerNode): string {
  const s = new TextDecoder().decode(node.content);
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (m === null) throw new Error(`unsupported certificate time ${s}`);
  const year = m[1].length === 2 ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  return `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

const EXT_KEY_USAGES = [
  '2.5.29.37.0',
  '1.3.6.1.5.5.7.3.1',
  '1.3.6.1.5.5.7.3.2',
  '1.3.6.1.5.5.7.3.3',
  '1.3.6.1.5.5.7.3.4',
  '1.3.6.1.5.5.7.3.5',
  '1.3.6.1.5.5.7.3.6',
  '1.3.6.1.5.5.7.3.7',
  '1.3.6.1.5.5.7.3.8',
  '1.3.6.1.5.5.7.3.9',
  '1.3.6.1.4.1.311.10.3.3',
  '2.16.840.1.113730.4.1',
  '1.3.6.1.4.1.311.2.1.22',
  '1.3.6.1.4.1.311.61.1.1',
];

/** Applies one extension to the decoded fields, as Go's processExtensions does for the common ones. */
export function applyExtension(out: ValueObject, oid: string, value: Uint8Array): void {
  const node = readNode(value);
  if (oid === '2.5.29.15') out.KeyUsage = keyUsage(bitStringBytes(node));
  else if (oid === '2.5.29.19') applyBasicConstraints(out, children(node));
  else if (oid === '2.5.29.14') out.SubjectKeyId = base64Of(node.content);
  else if (oid === '2.5.29.35') out.AuthorityKeyId = authorityKeyId(children(node));
  else if (oid === '2.5.29.17') applySubjectAltNames(out, children(node));
  else if (oid === '2.5.29.37')
    applyExtKeyUsage(
      out,
      children(node).map((n) => oidOf(n)),
    );
}

// asn1.BitString.At(i): bit i counted from the most significant bit of the first byte.
function keyUsage(bits: Uint8Array): number {
  let usage = 0;
  for (let i = 0; i < 9; i++) if (i >> 3 < bits.length && bits[i >> 3] & (0x80 >> (i & 7))) usage |= 1 << i;
  return usage;
}

function applyBasicConstraints(out: ValueObject, items: DerNode[]): void {
  const isCA = items[0]?.tag === 0x01 && items[0].content[0] !== 0;
  const pathLen = items.find((n) => n.tag === 0x02);
  out.BasicConstraintsValid = true;
  out.IsCA = isCA;
  out.MaxPathLen = pathLen === undefined ? -1 : Number(bigIntOf(pathLen));
  out.MaxPathLenZero = out.MaxPathLen === 0;
}

function authorityKeyId(items: DerNode[]): Value {
  const id = items.find((n) => n.tag === 0x80);
  return id === undefined ? null : base64Of(id.content);
}

function applySubjectAltNames(out: ValueObject, names: DerNode[]): void {
  const text = (n: DerNode) => new TextDecoder().decode(n.content);
  const list = (tag: number, map: (n: DerNode) => Value): Value => {
    const found = names.filter((n) => n.tag === tag).map(map);
    return found.length === 0 ? null : found;
  };
  out.EmailAddresses = list(0x81, text);
  out.DNSNames = list(0x82, text);
  out.URIs = list(0x86, (n) => urlObject(text(n)));
  out.IPAddresses = list(0x87, (n) => ipString(n.content));
}

function applyExtKeyUsage(out: ValueObject, oids: number[][]): void {
  const known: Value[] = [];
  const unknown: Value[] = [];
  for (const oid of oids) {
    const index = EXT_KEY_USAGES.indexOf(oid.join('.'));
    if (index >= 0) known.push(index);
    else unknown.push(oid);
  }
  out.ExtKeyUsage = known.length === 0 ? null : known;
  out.UnknownExtKeyUsage = unknown.length === 0 ? null : unknown;
}

// net.IP marshals as its text form.
function ipString(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  const groups: number[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  // The longest run of two or more zero groups becomes `::` (the first one on ties).
  let [best, bestLen] = [-1, 1];
  for (let i = 0; i < groups.length; i++) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(groups) : `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

// url.URL marshals as a struct of its fields.
function urlObject(s: string): ValueObject {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s);
  const out: ValueObject = {};
  const fields: [string, Value][] = [
    ['Scheme', m?.[1] ?? ''],
    ['Opaque', ''],
    ['User', null],
    ['Host', m?.[2] ?? ''],
    ['Path', m?.[3] ?? s],
    ['RawPath', ''],
    ['OmitHost', false],
    ['ForceQuery', false],
    ['RawQuery', m?.[4] ?? ''],
    ['Fragment', m?.[5] ?? ''],
    ['RawFragment', ''],
  ];
  for (const [k, v] of fields) setKey(out, k, v);
  return out;
}
