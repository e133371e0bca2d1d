// The parts of a DER certificate or PKCS#10 request that Go's crypto/x509 parses, with Go's enum values;
// x509_decode and x509.decode each shape them into their own JSON.
import type { JsonObject } from '../../json.js';
import { type DerNode, Tag, X509Error, childrenOf, contextChildren, isContext, isUniversal, parseDer } from './der.js';
import { type Extension, readExtensions } from './extensions.js';
import { base64, bigIntOf, bitString, oidOf, timeOf } from './values.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';

// Go's x509.SignatureAlgorithm enum values by OID (RSASSA-PSS is resolved by its hash below).
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.2': 1,
  '1.2.840.113549.1.1.4': 2,
  '1.2.840.113549.1.1.5': 3,
  '1.3.14.3.2.29': 3,
  '1.2.840.113549.1.1.11': 4,
  '1.2.840.113549.1.1.12': 5,
  '1.2.840.113549.1.1.13': 6,
  '1.2.840.10040.4.3': 7,
  '2.16.840.1.101.3.4.3.2': 8,
  '1.2.840.10045.4.1': 9,
  '1.2.840.10045.4.3.2': 10,
  '1.2.840.10045.4.3.3': 11,
  '1.2.840.10045.4.3.4': 12,
  '1.3.101.112': 16,
};
const PSS_BY_HASH: Record<string, number> = {
  '2.16.840.1.101.3.4.2.1': 13,
  '2.16.840.1.101.3.4.2.2': 14,
  '2.16.840.1.101.3.4.2.3': 15,
};

/** An RSA public key as Go's rsa.PublicKey JSON: the modulus as a decimal string and the exponent. */
export interface RsaPublicKey {
  N: string;
  E: number;
}

/** What both decoders read from a signed certificate or request (`node` is the whole DER, `tbs` its signed body). */
export interface SignedParts {
  node: DerNode;
  tbs: DerNode;
  /** Go's Version field (for a certificate the encoded version plus one). */
  version: number;
  subject: DerNode;
  spki: DerNode;
  publicKey: RsaPublicKey;
  signatureAlgorithm: number;
  signature: Uint8Array;
  extensions: Extension[];
}

/** A certificate's parts. */
export interface CertificateParts extends SignedParts {
  serial: bigint;
  issuer: DerNode;
  notBefore: Date;
  notAfter: Date;
}

/** A PKCS#10 request's parts (`attributes` are the raw Attribute nodes). */
export interface CertificateRequestParts extends SignedParts {
  attributes: readonly DerNode[];
}

/** Go's `Raw*` fields common to certificates and requests, base64 (`tbsField` names the signed body). */
export function rawFields(parts: SignedParts, tbsField: string): JsonObject {
  return {
    Raw: base64(parts.node.raw),
    [tbsField]: base64(parts.tbs.raw),
    RawSubjectPublicKeyInfo: base64(parts.spki.raw),
    RawSubject: base64(parts.subject.raw),
  };
}

/** Reads a DER certificate; malformed input throws X509Error `x509: malformed certificate`, non-RSA keys Kyverno's error. */
export function readCertificate(der: Uint8Array): CertificateParts {
  const what = 'certificate';
  const node = parseDer(der, what);
  const [tbs, sigAlg, signature] = childrenOf(node, Tag.SEQUENCE, what);
  const fields = childrenOf(tbs, Tag.SEQUENCE, what);
  const versioned = isContext(fields[0], 0);
  const [serial, , issuer, validity, subject, spki, ...optional] = versioned ? fields.slice(1) : fields;
  const [notBefore, notAfter] = childrenOf(validity, Tag.SEQUENCE, what);
  const extensionsNode = optional.find((n) => isContext(n, 3));
  const extNodes = extensionsNode ? childrenOf(contextChildren(extensionsNode)[0], Tag.SEQUENCE, what) : [];
  return {
    node,
    tbs,
    version: (versioned ? Number(bigIntOf(contextChildren(fields[0])[0], what)) : 0) + 1,
    serial: bigIntOf(serial, what),
    issuer,
    subject,
    notBefore: timeOf(notBefore, what),
    notAfter: timeOf(notAfter, what),
    extensions: readExtensions(extNodes, what),
    spki,
    publicKey: rsaPublicKey(spki, what),
    signatureAlgorithm: signatureAlgorithm(sigAlg, what),
    signature: bitString(signature, what).bytes,
  };
}

/** Reads a DER PKCS#10 request (extensions from its extensionRequest attribute); errors as readCertificate. */
export function readCertificateRequest(der: Uint8Array): CertificateRequestParts {
  const what = 'certificate request';
  const node = parseDer(der, what);
  const [tbs, sigAlg, signature] = childrenOf(node, Tag.SEQUENCE, what);
  const [version, subject, spki, attributesNode] = childrenOf(tbs, Tag.SEQUENCE, what);
  const attributes = isContext(attributesNode, 0) ? contextChildren(attributesNode) : [];
  return {
    node,
    tbs,
    version: Number(bigIntOf(version, what)),
    subject,
    extensions: readExtensions(requestedExtensions(attributes, what), what),
    spki,
    publicKey: rsaPublicKey(spki, what),
    attributes,
    signatureAlgorithm: signatureAlgorithm(sigAlg, what),
    signature: bitString(signature, what).bytes,
  };
}

// Kyverno: both x509 decoders accept RSA keys only (spec §6.7 x509_decode, CEL §5.5 "x509").
function rsaPublicKey(spki: DerNode, what: string): RsaPublicKey {
  const [algorithm, key] = childrenOf(spki, Tag.SEQUENCE, what);
  if (oidOf(childrenOf(algorithm, Tag.SEQUENCE, what)[0], what) !== RSA_ENCRYPTION) {
    throw new X509Error('certificate should use rsa algorithm');
  }
  try {
    const [n, e] = childrenOf(parseDer(bitString(key, what).bytes, 'public key'), Tag.SEQUENCE, 'public key');
    return { N: bigIntOf(n, 'public key').toString(), E: Number(bigIntOf(e, 'public key')) };
  } catch (e) {
    throw new X509Error('failed to parse subject public key info', { cause: e });
  }
}

function signatureAlgorithm(node: DerNode, what: string): number {
  const [oidNode, params] = childrenOf(node, Tag.SEQUENCE, what);
  const oid = oidOf(oidNode, what);
  if (oid !== RSASSA_PSS) return SIGNATURE_ALGORITHMS[oid] ?? 0;
  const hash = isUniversal(params, Tag.SEQUENCE) ? params.children?.find((n) => isContext(n, 0)) : undefined;
  const hashAlg = hash && contextChildren(hash)[0];
  return hashAlg ? (PSS_BY_HASH[oidOf(childrenOf(hashAlg, Tag.SEQUENCE, what)[0], what)] ?? 0) : 0;
}

/** The Extension nodes inside the PKCS#9 extensionRequest attribute, if any. */
function requestedExtensions(attributes: readonly DerNode[], what: string): readonly DerNode[] {
  for (const attribute of attributes) {
    const [type, values] = childrenOf(attribute, Tag.SEQUENCE, what);
    if (oidOf(type, what) !== EXTENSION_REQUEST) continue;
    const first = childrenOf(values, Tag.SET, what)[0];
    return first === undefined ? [] : childrenOf(first, Tag.SEQUENCE, what);
  }
  return [];
}
