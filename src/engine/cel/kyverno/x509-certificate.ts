// Certificates and certificate requests as the JSON maps Kyverno's `x509.decode` returns (§5.5 "x509"),
// shaped from the shared X.509 reader's parts.
import type { JsonObject, JsonValue } from '../../json.js';
import {
  type CertificateParts,
  rawFields,
  readCertificate,
  readCertificateRequest,
} from '../../primitives/x509/certificate.js';
import { type DerNode, Tag, X509Error, childrenOf, isUniversal } from '../../primitives/x509/der.js';
import { type Extension, applyExtensions, extensionsJson, subjectAltNames } from '../../primitives/x509/extensions.js';
import { pkixName } from '../../primitives/x509/names.js';
import { anyValue, base64, oidInts, oidOf, rfc3339 } from '../../primitives/x509/values.js';
import { KyvernoCelError } from './errors.js';

// The extensions Go's processExtensions turns into the fields CertificateOutput copies.
const CERTIFICATE_EXTENSIONS = [
  '2.5.29.15',
  '2.5.29.19',
  '2.5.29.37',
  '2.5.29.35',
  '1.3.6.1.5.5.7.1.1',
  '2.5.29.31',
  '2.5.29.32',
  '2.5.29.30',
  '2.5.29.17',
];

/** Decodes a DER certificate (binary string) into Kyverno's CertificateOutput map; non-RSA keys are an error. */
export function decodeCertificate(der: string): JsonObject {
  return celErrors(() => certificateOutput(readCertificate(bytesOf(der))));
}

// Kyverno: CertificateOutput copies a subset of Go's x509.Certificate — no Subject, Version,
// SignatureAlgorithm, SubjectKeyId or URIs — and SerialNumber is big.Int.Int64() (a JSON number).
function certificateOutput(cert: CertificateParts): JsonObject {
  return {
    ...rawFields(cert, 'RawTBSCertificate'),
    RawIssuer: base64(cert.issuer.raw),
    Signature: base64(cert.signature),
    PublicKeyAlgorithm: 1,
    PublicKey: { ...cert.publicKey },
    SerialNumber: goInt64(cert.serial),
    Issuer: pkixName(cert.issuer),
    NotBefore: rfc3339(cert.notBefore),
    NotAfter: rfc3339(cert.notAfter),
    Extensions: extensionsJson(cert.extensions),
    ExtraExtensions: null,
    ...certificateExtensionFields(cert.extensions),
  };
}

/** Decodes a DER PKCS#10 request (binary string) into Go's x509.CertificateRequest JSON; non-RSA keys are an error. */
export function decodeCertificateRequest(der: string): JsonObject {
  return celErrors(() => {
    const csr = readCertificateRequest(bytesOf(der));
    return {
      ...rawFields(csr, 'RawTBSCertificateRequest'),
      Version: csr.version,
      Signature: base64(csr.signature),
      SignatureAlgorithm: csr.signatureAlgorithm,
      PublicKeyAlgorithm: 1,
      PublicKey: { ...csr.publicKey },
      Subject: pkixName(csr.subject),
      Attributes: attributeSets(csr.attributes),
      Extensions: extensionsJson(csr.extensions),
      ExtraExtensions: null,
      ...subjectAltNames(csr.extensions),
    };
  });
}

/** The extension-derived fields CertificateOutput keeps (SAN lists included), with Go's zero values. */
function certificateExtensionFields(exts: readonly Extension[]): JsonObject {
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
  Object.assign(out, { DNSNames: null, EmailAddresses: null, IPAddresses: null });
  applyExtensions(out, exts, CERTIFICATE_EXTENSIONS);
  return out;
}

// The shared reader's errors carry Kyverno's messages; CEL function handlers raise KyvernoCelError.
function celErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof X509Error) throw new KyvernoCelError(e.message, { cause: e.cause });
    throw e;
  }
}

// forge's PEM decoder yields the DER as a binary string.
function bytesOf(binary: string): Uint8Array {
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Go's big.Int.Int64(): the low 64 bits of |v| as int64, negated for negative v. */
function goInt64(v: bigint): number {
  const low = BigInt.asIntN(64, v < 0n ? -v : v);
  return Number(v < 0n ? -low : low);
}

/**
 * Go's deprecated CertificateRequest.Attributes: attributes whose values are sequences of
 * (OID, value) pairs, as `{Type, Value: [[{Type, Value}]]}`; others are skipped as Go does.
 */
function attributeSets(attributes: readonly DerNode[]): JsonValue {
  const sets = attributes.flatMap((attribute) => {
    const [type, values] = childrenOf(attribute, Tag.SEQUENCE, 'certificate request');
    const parsed = (values.children ?? []).map(attributeValueList);
    if (parsed.some((p) => p === undefined)) return [];
    return [{ Type: oidInts(oidOf(type, 'certificate request')), Value: parsed as JsonValue[] }];
  });
  return sets.length > 0 ? sets : null;
}

function attributeValueList(node: DerNode): JsonValue[] | undefined {
  if (!isUniversal(node, Tag.SEQUENCE) || node.children === undefined) return undefined;
  const out: JsonValue[] = [];
  for (const pair of node.children) {
    // Go's encoding/asn1 ignores trailing elements, so an Extension's Critical flag becomes the Value.
    const [type, value] = pair.children ?? [];
    if (!isUniversal(pair, Tag.SEQUENCE) || !isUniversal(type, Tag.OID) || value === undefined) return undefined;
    out.push({ Type: oidInts(oidOf(type, 'attribute')), Value: anyValue(value) });
  }
  return out;
}
