// Certificate extensions decoded into Go's x509.Certificate fields, for `x509.decode` (§5.5 "x509").
import type { JsonObject, JsonValue } from '../../json.js';
import {
  type Der,
  Tag,
  base64,
  bigIntOf,
  bitString,
  childrenOf,
  contents,
  isContext,
  isUniversal,
} from './x509-der.js';
import { malformed, oidOf, oidInts, parseDer } from './x509-der.js';
import { generalNames, ipString, taggedChildren, uriNames } from './x509-names.js';

/** One extension: OID, criticality and the DER of its value (a binary string). */
export interface Extension {
  oid: string;
  critical: boolean;
  value: string;
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
export function readExtensions(nodes: Der[], what: string): Extension[] {
  return nodes.map((node) => {
    const [id, second, third] = childrenOf(node, Tag.SEQUENCE, what);
    const hasCritical = isUniversal(second, Tag.BOOLEAN);
    const valueNode = hasCritical ? third : second;
    if (!isUniversal(valueNode, Tag.OCTETSTRING)) throw malformed(`${what} extension`);
    const critical = hasCritical && contents(second, what).charCodeAt(0) !== 0;
    return { oid: oidOf(id, what), critical, value: contents(valueNode, what) };
  });
}

/** Go's `pkix.Extension` JSON: `{Id, Critical, Value (base64)}`; an empty list is null. */
export function extensionsJson(exts: Extension[]): JsonValue {
  if (exts.length === 0) return null;
  return exts.map((e) => ({ Id: oidInts(e.oid), Critical: e.critical, Value: base64(e.value) }));
}

/** Go's SAN lists (DNSNames, EmailAddresses, IPAddresses, URIs as strings), empty ones null. */
export function subjectAltNames(exts: Extension[]): Record<string, string[] | null> {
  const san = exts.find((e) => e.oid === '2.5.29.17');
  const lists = san ? generalNames(seq(san.value)) : { DNSNames: [], EmailAddresses: [], IPAddresses: [], URIs: [] };
  return Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, orNull(v)]));
}

type Handler = (out: JsonObject, ext: Extension) => void;

const HANDLERS: Record<string, Handler> = {
  '2.5.29.15': (out, ext) => (out.KeyUsage = keyUsage(parseDer(ext.value, 'key usage'))),
  '2.5.29.19': basicConstraints,
  '2.5.29.37': (out, ext) => {
    const usages = seq(ext.value).map((n) => EXT_KEY_USAGE[oidOf(n, 'ext key usage')]);
    out.ExtKeyUsage = orNull(usages.filter((u) => u !== undefined));
  },
  '2.5.29.35': (out, ext) => {
    const keyId = seq(ext.value).find((n) => isContext(n, 0));
    out.AuthorityKeyId = keyId ? base64(contents(keyId, 'authority key id')) : null;
  },
  '1.3.6.1.5.5.7.1.1': authorityInfoAccess,
  '2.5.29.31': (out, ext) => {
    const points = seq(ext.value).flatMap((dp) => {
      const name = taggedChildren(childrenOf(dp, Tag.SEQUENCE, 'CRL distribution point'), 0);
      return uriNames((name && taggedChildren(name, 0)) ?? []);
    });
    out.CRLDistributionPoints = orNull(points);
  },
  '2.5.29.32': (out, ext) => {
    const ids = seq(ext.value).map((p) => oidInts(oidOf(childrenOf(p, Tag.SEQUENCE, 'policy')[0], 'policy')));
    out.PolicyIdentifiers = orNull(ids);
  },
  '2.5.29.30': nameConstraints,
};

/** The extension-derived fields of Go's x509.Certificate (SAN lists included), with Go's zero values. */
export function certificateExtensionFields(exts: Extension[]): JsonObject {
  const out: JsonObject = {
    KeyUsage: 0,
    ExtKeyUsage: null,
    BasicConstraintsValid: false,
    IsCA: false,
    MaxPathLen: 0,
    MaxPathLenZero: false,
    AuthorityKeyId: null,
    OCSPServer: null,
    IssuingCertificateURL: null,
    PermittedDNSDomainsCritical: false,
    CRLDistributionPoints: null,
    PolicyIdentifiers: null,
  };
  for (const kind of ['Permitted', 'Excluded']) {
    for (const list of ['DNSDomains', 'IPRanges', 'EmailAddresses', 'URIDomains']) out[kind + list] = null;
  }
  for (const ext of exts) HANDLERS[ext.oid]?.(out, ext);
  const { DNSNames, EmailAddresses, IPAddresses } = subjectAltNames(exts);
  return { ...out, DNSNames, EmailAddresses, IPAddresses };
}

/** Go: bit i of the KeyUsage BIT STRING sets flag `1 << i` (DigitalSignature = 1 … DecipherOnly = 256). */
function keyUsage(node: Der): number {
  const { bytes, bitLength } = bitString(node, 'key usage');
  let usage = 0;
  for (let i = 0; i < 9 && i < bitLength; i++) {
    if ((bytes.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1) usage |= 1 << i;
  }
  return usage;
}

function basicConstraints(out: JsonObject, ext: Extension): void {
  const [first, second] = seq(ext.value);
  const hasCa = isUniversal(first, Tag.BOOLEAN);
  const pathLen = hasCa ? second : first;
  out.BasicConstraintsValid = true;
  out.IsCA = hasCa && contents(first, 'basic constraints').charCodeAt(0) !== 0;
  // Go: MaxPathLen is -1 when the pathLenConstraint is absent.
  out.MaxPathLen = pathLen === undefined ? -1 : Number(bigIntOf(pathLen, 'basic constraints'));
  out.MaxPathLenZero = out.MaxPathLen === 0;
}

function authorityInfoAccess(out: JsonObject, ext: Extension): void {
  const ocsp: string[] = [];
  const issuers: string[] = [];
  for (const ad of seq(ext.value)) {
    const [method, location] = childrenOf(ad, Tag.SEQUENCE, 'authority info access');
    if (!isContext(location, 6)) continue;
    const oid = oidOf(method, 'authority info access');
    if (oid === '1.3.6.1.5.5.7.48.1') ocsp.push(contents(location, 'authority info access'));
    else if (oid === '1.3.6.1.5.5.7.48.2') issuers.push(contents(location, 'authority info access'));
  }
  out.OCSPServer = orNull(ocsp);
  out.IssuingCertificateURL = orNull(issuers);
}

function nameConstraints(out: JsonObject, ext: Extension): void {
  out.PermittedDNSDomainsCritical = ext.critical;
  const subtrees = seq(ext.value);
  for (const [tag, kind] of [
    [0, 'Permitted'],
    [1, 'Excluded'],
  ] as const) {
    const bases = (taggedChildren(subtrees, tag) ?? []).map((t) => childrenOf(t, Tag.SEQUENCE, 'name constraints')[0]);
    const names = generalNameLists(bases);
    out[`${kind}DNSDomains`] = orNull(names.DNSNames);
    out[`${kind}EmailAddresses`] = orNull(names.EmailAddresses);
    out[`${kind}URIDomains`] = orNull(names.URIs);
    out[`${kind}IPRanges`] = orNull(bases.filter((b) => isContext(b, 7)).map((b) => ipNet(contents(b, 'IP range'))));
  }
}

function generalNameLists(bases: Der[]): ReturnType<typeof generalNames> {
  return generalNames(bases.filter((b) => !isContext(b, 7)));
}

/** Go's `net.IPNet` JSON for an address followed by its mask: `{IP, Mask (base64)}`. */
function ipNet(bytes: string): JsonObject {
  const half = bytes.length / 2;
  return { IP: ipString(bytes.slice(0, half)), Mask: base64(bytes.slice(half)) };
}

function seq(der: string): Der[] {
  return childrenOf(parseDer(der, 'extension'), Tag.SEQUENCE, 'extension');
}

function orNull<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}
