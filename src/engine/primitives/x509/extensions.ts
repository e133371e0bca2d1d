// Certificate extensions decoded into Go's x509.Certificate fields (processExtensions), for x509_decode and x509.decode.
import type { JsonObject, JsonValue } from '../../json.js';
import {
  type DerNode,
  Tag,
  childrenOf,
  contents,
  isContext,
  isUniversal,
  malformed,
  parseDer,
  taggedChildren,
} from './der.js';
import { ipString, generalNames, uriNames } from './names.js';
import { goUrl } from './url.js';
import { base64, bigIntOf, bitString, latin1, oidInts, oidOf } from './values.js';

/** One extension: OID, criticality and the DER of its value. */
export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

// Go's x509.ExtKeyUsage enum values by OID.
const EXT_KEY_USAGE: Record<string, number> = {
  '2.5.29.37.0': 0,
  '1.3.6.1.5.5.7.3.1': 1,
  '1.3.6.1.5.5.7.3.2': 2,
  '1.3.6.1.5.5.7.3.3': 3,
  '1.3.6.1.5.5.7.3.4': 4,
  '1.3.6.1.5.5.7.3.5': 5,
  '1.3.6.1.5.5.7.3.6': 6,
  '1.3.6.1.5.5.7.3.7': 7,
  '1.3.6.1.5.5.7.3.8': 8,
  '1.3.6.1.5.5.7.3.9': 9,
  '1.3.6.1.4.1.311.10.3.3': 10,
  '2.16.840.1.113730.4.1': 11,
  '1.3.6.1.4.1.311.2.1.22': 12,
  '1.3.6.1.4.1.311.61.1.1': 13,
};

/** Reads `Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }` nodes. */
export function readExtensions(nodes: readonly DerNode[], what: string): Extension[] {
  return nodes.map((node) => {
    const [id, second, third] = childrenOf(node, Tag.SEQUENCE, what);
    const hasCritical = isUniversal(second, Tag.BOOLEAN);
    const valueNode = hasCritical ? third : second;
    if (!isUniversal(valueNode, Tag.OCTETSTRING)) throw malformed(`${what} extension`);
    const critical = hasCritical && contents(second, what)[0] !== 0;
    return { oid: oidOf(id, what), critical, value: contents(valueNode, what) };
  });
}

/** Go's `pkix.Extension` JSON: `{Id, Critical, Value (base64)}`; an empty list is null. */
export function extensionsJson(exts: readonly Extension[]): JsonValue {
  if (exts.length === 0) return null;
  return exts.map((e) => ({ Id: oidInts(e.oid), Critical: e.critical, Value: base64(e.value) }));
}

/** Go's SAN fields (DNSNames, EmailAddresses, IPAddresses, URIs as url.URL), empty lists null. */
export function subjectAltNames(exts: readonly Extension[]): JsonObject {
  const san = exts.find((e) => e.oid === '2.5.29.17');
  const lists = san ? generalNames(seq(san.value)) : { DNSNames: [], EmailAddresses: [], IPAddresses: [], URIs: [] };
  const { DNSNames, EmailAddresses, IPAddresses } = lists;
  return orNull({ DNSNames, EmailAddresses, IPAddresses, URIs: lists.URIs.map(goUrl) });
}

type Decoder = (ext: Extension) => JsonObject;

// The fields each extension sets, by OID.
const DECODERS: Record<string, Decoder> = {
  '2.5.29.15': (ext) => ({ KeyUsage: keyUsage(parseDer(ext.value, 'key usage')) }),
  '2.5.29.19': basicConstraints,
  '2.5.29.14': (ext) => ({ SubjectKeyId: base64(contents(parseDer(ext.value, 'subject key id'), 'subject key id')) }),
  '2.5.29.35': (ext) => {
    const keyId = seq(ext.value).find((n) => isContext(n, 0));
    return { AuthorityKeyId: keyId ? base64(contents(keyId, 'authority key id')) : null };
  },
  '2.5.29.17': (ext) => subjectAltNames([ext]),
  '2.5.29.37': extKeyUsage,
  '1.3.6.1.5.5.7.1.1': authorityInfoAccess,
  '2.5.29.31': (ext) => {
    const points = seq(ext.value).flatMap((dp) => {
      const name = taggedChildren(childrenOf(dp, Tag.SEQUENCE, 'CRL distribution point'), 0);
      return uriNames((name && taggedChildren(name, 0)) ?? []);
    });
    return { CRLDistributionPoints: points };
  },
  '2.5.29.32': (ext) => ({
    PolicyIdentifiers: seq(ext.value).map((p) => oidInts(oidOf(childrenOf(p, Tag.SEQUENCE, 'policy')[0], 'policy'))),
  }),
  '2.5.29.30': nameConstraints,
};

/**
 * Applies the extensions whose OID is in `oids` to `out`, Go's processExtensions style: only fields already
 * present in `out` are set (each caller's output shape lists its fields), and empty lists become null.
 */
export function applyExtensions(out: JsonObject, exts: readonly Extension[], oids: readonly string[]): void {
  for (const ext of exts) {
    const decode = DECODERS[ext.oid];
    if (decode === undefined || !oids.includes(ext.oid)) continue;
    for (const [key, value] of Object.entries(orNull(decode(ext)))) if (Object.hasOwn(out, key)) out[key] = value;
  }
}

/** Go: bit i of the KeyUsage BIT STRING sets flag `1 << i` (DigitalSignature = 1 … DecipherOnly = 256). */
function keyUsage(node: DerNode): number {
  const { bytes, bitLength } = bitString(node, 'key usage');
  let usage = 0;
  for (let i = 0; i < 9 && i < bitLength; i++) {
    if ((bytes[i >> 3] >> (7 - (i & 7))) & 1) usage |= 1 << i;
  }
  return usage;
}

function basicConstraints(ext: Extension): JsonObject {
  const [first, second] = seq(ext.value);
  const hasCa = isUniversal(first, Tag.BOOLEAN);
  const pathLen = hasCa ? second : first;
  // Go: MaxPathLen is -1 when the pathLenConstraint is absent.
  const maxPathLen = pathLen === undefined ? -1 : Number(bigIntOf(pathLen, 'basic constraints'));
  return {
    BasicConstraintsValid: true,
    IsCA: hasCa && contents(first, 'basic constraints')[0] !== 0,
    MaxPathLen: maxPathLen,
    MaxPathLenZero: maxPathLen === 0,
  };
}

function extKeyUsage(ext: Extension): JsonObject {
  const oids = seq(ext.value).map((n) => oidOf(n, 'ext key usage'));
  return {
    ExtKeyUsage: oids.filter((o) => EXT_KEY_USAGE[o] !== undefined).map((o) => EXT_KEY_USAGE[o]),
    UnknownExtKeyUsage: oids.filter((o) => EXT_KEY_USAGE[o] === undefined).map(oidInts),
  };
}

function authorityInfoAccess(ext: Extension): JsonObject {
  const ocsp: string[] = [];
  const issuers: string[] = [];
  for (const ad of seq(ext.value)) {
    const [method, location] = childrenOf(ad, Tag.SEQUENCE, 'authority info access');
    if (!isContext(location, 6)) continue;
    const oid = oidOf(method, 'authority info access');
    if (oid === '1.3.6.1.5.5.7.48.1') ocsp.push(latin1(contents(location, 'authority info access')));
    else if (oid === '1.3.6.1.5.5.7.48.2') issuers.push(latin1(contents(location, 'authority info access')));
  }
  return { OCSPServer: ocsp, IssuingCertificateURL: issuers };
}

function nameConstraints(ext: Extension): JsonObject {
  const out: JsonObject = { PermittedDNSDomainsCritical: ext.critical };
  const subtrees = seq(ext.value);
  for (const [tag, kind] of [
    [0, 'Permitted'],
    [1, 'Excluded'],
  ] as const) {
    const bases = (taggedChildren(subtrees, tag) ?? []).map((t) => childrenOf(t, Tag.SEQUENCE, 'name constraints')[0]);
    const names = generalNames(bases.filter((b) => !isContext(b, 7)));
    out[`${kind}DNSDomains`] = names.DNSNames;
    out[`${kind}EmailAddresses`] = names.EmailAddresses;
    out[`${kind}URIDomains`] = names.URIs;
    out[`${kind}IPRanges`] = bases.filter((b) => isContext(b, 7)).map((b) => ipNet(contents(b, 'IP range')));
  }
  return out;
}

/** Go's `net.IPNet` JSON for an address followed by its mask: `{IP, Mask (base64)}`. */
function ipNet(bytes: Uint8Array): JsonObject {
  const half = bytes.length / 2;
  return { IP: ipString(bytes.subarray(0, half)), Mask: base64(bytes.subarray(half)) };
}

function seq(der: Uint8Array): readonly DerNode[] {
  return childrenOf(parseDer(der, 'extension'), Tag.SEQUENCE, 'extension');
}

// Go leaves a list field nil (JSON null) when an extension yields no entries.
function orNull(fields: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = Array.isArray(value) && value.length === 0 ? null : value;
  return out;
}
