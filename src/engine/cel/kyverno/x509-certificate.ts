// Certificates and certificate requests as the JSON maps Kyverno's `x509.decode` returns (§5.5 "x509").
import type { JsonObject, JsonValue } from '../../json.js';
import { KyvernoCelError } from './errors.js';
import { type Der, Tag, anyValue, base64, bigIntOf, bitString, childrenOf, contextChildren } from './x509-der.js';
import { isContext, isUniversal, oidOf, oidInts, parseDer, rawBase64, rfc3339, timeOf } from './x509-der.js';
import { certificateExtensionFields, extensionsJson, readExtensions, subjectAltNames } from './x509-extensions.js';
import { pkixName } from './x509-names.js';
import { goUrl } from './x509-url.js';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
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

/** Decodes a DER certificate (binary string) into Kyverno's CertificateOutput map; non-RSA keys are an error. */
export function decodeCertificate(der: string): JsonObject {
  const what = 'certificate';
  const [tbs, , signature] = childrenOf(parseDer(der, what), Tag.SEQUENCE, what);
  const fields = childrenOf(tbs, Tag.SEQUENCE, what);
  const rest = isContext(fields[0], 0) ? fields.slice(1) : fields;
  const [serial, , issuer, validity, subject, spki, ...optional] = rest;
  const [notBefore, notAfter] = childrenOf(validity, Tag.SEQUENCE, what);
  const extensionsNode = optional.find((n) => isContext(n, 3));
  const extNodes = extensionsNode ? childrenOf(contextChildren(extensionsNode)[0], Tag.SEQUENCE, what) : [];
  const extensions = readExtensions(extNodes, what);
  const extFields = certificateExtensionFields(extensions);
  const publicKey = rsaPublicKey(spki, what);
  // Kyverno: CertificateOutput copies a subset of Go's x509.Certificate — no Subject, Version,
  // SignatureAlgorithm, SubjectKeyId or URIs — and SerialNumber is big.Int.Int64() (a JSON number).
  return {
    Raw: base64(der),
    RawTBSCertificate: rawBase64(tbs),
    RawSubjectPublicKeyInfo: rawBase64(spki),
    RawSubject: rawBase64(subject),
    RawIssuer: rawBase64(issuer),
    Signature: base64(bitString(signature, what).bytes),
    PublicKeyAlgorithm: 1,
    PublicKey: publicKey,
    SerialNumber: goInt64(bigIntOf(serial, what)),
    Issuer: pkixName(issuer),
    NotBefore: rfc3339(timeOf(notBefore, what)),
    NotAfter: rfc3339(timeOf(notAfter, what)),
    Extensions: extensionsJson(extensions),
    ExtraExtensions: null,
    ...extFields,
  };
}

/** Decodes a DER PKCS#10 request (binary string) into Go's x509.CertificateRequest JSON; non-RSA keys are an error. */
export function decodeCertificateRequest(der: string): JsonObject {
  const what = 'certificate request';
  const [info, sigAlg, signature] = childrenOf(parseDer(der, what), Tag.SEQUENCE, what);
  const [version, subject, spki, attributesNode] = childrenOf(info, Tag.SEQUENCE, what);
  const attributes = isContext(attributesNode, 0) ? contextChildren(attributesNode) : [];
  const extensions = readExtensions(requestedExtensions(attributes), what);
  const publicKey = rsaPublicKey(spki, what);
  const san = subjectAltNames(extensions);
  return {
    Raw: base64(der),
    RawTBSCertificateRequest: rawBase64(info),
    RawSubjectPublicKeyInfo: rawBase64(spki),
    RawSubject: rawBase64(subject),
    Version: Number(bigIntOf(version, what)),
    Signature: base64(bitString(signature, what).bytes),
    SignatureAlgorithm: signatureAlgorithm(sigAlg, what),
    PublicKeyAlgorithm: 1,
    PublicKey: publicKey,
    Subject: pkixName(subject),
    Attributes: attributeSets(attributes),
    Extensions: extensionsJson(extensions),
    ExtraExtensions: null,
    ...san,
    URIs: san.URIs && san.URIs.map(goUrl),
  };
}

/** `{N (decimal string), E}` of an RSA SubjectPublicKeyInfo; other key algorithms get Kyverno's error. */
function rsaPublicKey(spki: Der, what: string): JsonObject {
  const [algorithm, key] = childrenOf(spki, Tag.SEQUENCE, what);
  if (oidOf(childrenOf(algorithm, Tag.SEQUENCE, what)[0], what) !== RSA_ENCRYPTION) {
    throw new KyvernoCelError('certificate should use rsa algorithm');
  }
  try {
    const [n, e] = childrenOf(parseDer(bitString(key, what).bytes, 'public key'), Tag.SEQUENCE, 'public key');
    return { N: bigIntOf(n, 'public key').toString(), E: Number(bigIntOf(e, 'public key')) };
  } catch (e) {
    throw new KyvernoCelError('failed to parse subject public key info', { cause: e });
  }
}

/** Go's big.Int.Int64(): the low 64 bits of |v| as int64, negated for negative v. */
function goInt64(v: bigint): number {
  const low = BigInt.asIntN(64, v < 0n ? -v : v);
  return Number(v < 0n ? -low : low);
}

function signatureAlgorithm(node: Der, what: string): number {
  const [oidNode, params] = childrenOf(node, Tag.SEQUENCE, what);
  const oid = oidOf(oidNode, what);
  if (oid !== '1.2.840.113549.1.1.10') return SIGNATURE_ALGORITHMS[oid] ?? 0;
  const hash = isUniversal(params, Tag.SEQUENCE) ? (params.value as Der[]).find((n) => isContext(n, 0)) : undefined;
  const hashAlg = hash && contextChildren(hash)[0];
  return hashAlg ? (PSS_BY_HASH[oidOf(childrenOf(hashAlg, Tag.SEQUENCE, what)[0], what)] ?? 0) : 0;
}

/** The Extension nodes inside the PKCS#9 extensionRequest attribute, if any. */
function requestedExtensions(attributes: Der[]): Der[] {
  for (const attribute of attributes) {
    const [type, values] = childrenOf(attribute, Tag.SEQUENCE, 'certificate request');
    if (oidOf(type, 'certificate request') !== EXTENSION_REQUEST) continue;
    const first = childrenOf(values, Tag.SET, 'certificate request')[0];
    return first === undefined ? [] : childrenOf(first, Tag.SEQUENCE, 'certificate request');
  }
  return [];
}

/**
 * Go's deprecated CertificateRequest.Attributes: attributes whose values are sequences of
 * (OID, value) pairs, as `{Type, Value: [[{Type, Value}]]}`; others are skipped as Go does.
 */
function attributeSets(attributes: Der[]): JsonValue {
  const sets = attributes.flatMap((attribute) => {
    const [type, values] = childrenOf(attribute, Tag.SEQUENCE, 'certificate request');
    const parsed = (values.value as Der[]).map(attributeValueList);
    if (parsed.some((p) => p === undefined)) return [];
    return [{ Type: oidInts(oidOf(type, 'certificate request')), Value: parsed as JsonValue[] }];
  });
  return sets.length > 0 ? sets : null;
}

function attributeValueList(node: Der): JsonValue[] | undefined {
  if (!isUniversal(node, Tag.SEQUENCE) || !Array.isArray(node.value)) return undefined;
  const out: JsonValue[] = [];
  for (const pair of node.value) {
    // Go's encoding/asn1 ignores trailing elements, so an Extension's Critical flag becomes the Value.
    const [type, value] = Array.isArray(pair.value) ? pair.value : [];
    if (!isUniversal(pair, Tag.SEQUENCE) || !isUniversal(type, Tag.OID) || value === undefined) return undefined;
    out.push({ Type: oidInts(oidOf(type, 'attribute')), Value: anyValue(value) });
  }
  return out;
}
