// x509_decode (spec §6.7): a PEM CERTIFICATE or CERTIFICATE REQUEST with an RSA key, in the JSON form
// Go's encoding/json gives x509.Certificate / x509.CertificateRequest (common fields; rarely used
// extensions such as name constraints, policies, AIA and CRL distribution points stay null).
import { JmesPathError } from '../errors.js';
import type { Value, ValueObject } from '../values.js';
import { DerError, base64Of, bigIntOf, bitStringBytes, children, oidOf, readNode, type DerNode } from './der.js';
import { applyExtension, nameOf, timeOf } from './x509-fields.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

const RSA = '1.2.840.113549.1.1.1';
const SIGNATURE_ALGORITHMS: Record<string, number> = {
  '1.2.840.113549.1.1.2': 1,
  '1.2.840.113549.1.1.4': 2,
  '1.2.840.113549.1.1.5': 3,
  '1.2.840.113549.1.1.11': 4,
  '1.2.840.113549.1.1.12': 5,
  '1.2.840.113549.1.1.13': 6,
  '1.2.840.10040.4.3': 7,
  '2.16.840.1.101.3.4.3.2': 8,
  '1.2.840.10045.4.1': 9,
  '1.2.840.10045.4.3.2': 10,
  '1.2.840.10045.4.3.3': 11,
  '1.2.840.10045.4.3.4': 12,
  '1.2.840.113549.1.1.10': 13,
  '1.3.101.112': 16,
};
const PUBLIC_KEY_ALGORITHMS: Record<string, number> = {
  [RSA]: 1,
  '1.2.840.10040.4.1': 2,
  '1.2.840.10045.2.1': 3,
  '1.3.101.112': 4,
};

/** encoding/pem.Decode: the first block's type and bytes. */
function decodePem(text: string): { type: string; der: Uint8Array } {
  const m = /-----BEGIN ([^-\r\n]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) throw new JmesPathError('failed to decode PEM block');
  const body = m[2].replace(/^[\w-]+:.*$/gm, '').replace(/\s+/g, '');
  return { type: m[1], der: new Uint8Array(Buffer.from(body, 'base64')) };
}

const oidString = (node: DerNode): string => oidOf(node).join('.');

// SubjectPublicKeyInfo: algorithm and, for RSA, the modulus (decimal string) and exponent.
function publicKey(spki: DerNode): { algorithm: number; key: Value } {
  const [algorithm, bits] = children(spki);
  const oid = oidString(children(algorithm)[0]);
  if (oid !== RSA) return { algorithm: PUBLIC_KEY_ALGORITHMS[oid] ?? 0, key: null };
  const [n, e] = children(readNode(bitStringBytes(bits)));
  return { algorithm: 1, key: { N: bigIntOf(n).toString(), E: Number(bigIntOf(e)) } };
}

function requireRsa(algorithm: number): void {
  if (algorithm !== 1) throw new JmesPathError('certificate should use rsa algorithm');
}

function extensionsOf(list: DerNode[], out: ValueObject): Value[] {
  return list.map((ext) => {
    const parts = children(ext);
    const critical = parts.length === 3 && parts[1].content[0] !== 0;
    const value = parts[parts.length - 1].content;
    applyExtension(out, oidString(parts[0]), value);
    return { Id: oidOf(parts[0]), Critical: critical, Value: base64Of(value) };
  });
}

function emptyFields(): ValueObject {
  return { DNSNames: null, EmailAddresses: null, IPAddresses: null, URIs: null, ExtraExtensions: null };
}

function signatureFields(root: DerNode[]): ValueObject {
  return {
    SignatureAlgorithm: SIGNATURE_ALGORITHMS[oidString(children(root[1])[0])] ?? 0,
    Signature: base64Of(bitStringBytes(root[2])),
  };
}

// Certificate fields before extensions are applied: Go's zero values (rarely used extensions stay so).
const CERTIFICATE_DEFAULTS: ValueObject = {
  KeyUsage: 0,
  UnhandledCriticalExtensions: null,
  ExtKeyUsage: null,
  UnknownExtKeyUsage: null,
  BasicConstraintsValid: false,
  IsCA: false,
  MaxPathLen: 0,
  MaxPathLenZero: false,
  SubjectKeyId: null,
  AuthorityKeyId: null,
  OCSPServer: null,
  IssuingCertificateURL: null,
  CRLDistributionPoints: null,
  PolicyIdentifiers: null,
  Policies: null,
  PermittedDNSDomainsCritical: false,
  PermittedDNSDomains: null,
  ExcludedDNSDomains: null,
  PermittedIPRanges: null,
  ExcludedIPRanges: null,
  PermittedEmailAddresses: null,
  ExcludedEmailAddresses: null,
  PermittedURIDomains: null,
  ExcludedURIDomains: null,
  InhibitAnyPolicy: 0,
  InhibitAnyPolicyZero: false,
  InhibitPolicyMapping: 0,
  InhibitPolicyMappingZero: false,
  RequireExplicitPolicy: 0,
  RequireExplicitPolicyZero: false,
  PolicyMappings: null,
};

function decodeCertificate(der: Uint8Array): ValueObject {
  const cert = readNode(der);
  const root = children(cert);
  const tbs = children(root[0]);
  const versioned = tbs[0].tag === 0xa0;
  const [serial, , issuer, validity, subject, spki, ...rest] = versioned ? tbs.slice(1) : tbs;
  const key = publicKey(spki);
  requireRsa(key.algorithm);
  const [notBefore, notAfter] = children(validity);
  const out: ValueObject = {
    Raw: base64Of(cert.raw),
    RawTBSCertificate: base64Of(root[0].raw),
    RawSubjectPublicKeyInfo: base64Of(spki.raw),
    RawSubject: base64Of(subject.raw),
    RawIssuer: base64Of(issuer.raw),
    ...signatureFields(root),
    PublicKeyAlgorithm: key.algorithm,
    PublicKey: key.key,
    Version: (versioned ? Number(bigIntOf(children(tbs[0])[0])) : 0) + 1,
    SerialNumber: Number(bigIntOf(serial)),
    Issuer: nameOf(issuer),
    Subject: nameOf(subject),
    NotBefore: timeOf(notBefore),
    NotAfter: timeOf(notAfter),
    ...emptyFields(),
    ...CERTIFICATE_DEFAULTS,
  };
  const extensions = rest.find((n) => n.tag === 0xa3);
  out.Extensions = extensions === undefined ? null : extensionsOf(children(children(extensions)[0]), out);
  return out;
}

// CSR extensions live in the extensionRequest attribute (1.2.840.113549.1.9.14).
function decodeRequest(der: Uint8Array): ValueObject {
  const csr = readNode(der);
  const root = children(csr);
  const [version, subject, spki, attributes] = children(root[0]);
  const key = publicKey(spki);
  requireRsa(key.algorithm);
  const out: ValueObject = {
    Raw: base64Of(csr.raw),
    RawTBSCertificateRequest: base64Of(root[0].raw),
    RawSubjectPublicKeyInfo: base64Of(spki.raw),
    RawSubject: base64Of(subject.raw),
    Version: Number(bigIntOf(version)),
    ...signatureFields(root),
    PublicKeyAlgorithm: key.algorithm,
    PublicKey: key.key,
    Subject: nameOf(subject),
    Attributes: null,
    ...emptyFields(),
  };
  const requested = (attributes === undefined ? [] : children(attributes)).find(
    (a) => oidString(children(a)[0]) === '1.2.840.113549.1.9.14',
  );
  out.Extensions = requested === undefined ? null : extensionsOf(children(children(children(requested)[1])[0]), out);
  return out;
}

function x509Decode(text: string): ValueObject {
  const { type, der } = decodePem(text);
  try {
    if (type === 'CERTIFICATE') return decodeCertificate(der);
    if (type === 'CERTIFICATE REQUEST') return decodeRequest(der);
  } catch (err) {
    if (err instanceof JmesPathError) throw err;
    const detail = err instanceof DerError || err instanceof Error ? `: ${err.message}` : '';
    throw new JmesPathError(`x509: malformed certificate${detail}`);
  }
  throw new JmesPathError('PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST');
}

/** x509_decode. */
export const X509_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('x509_decode', [arg('string')], ([s]) => x509Decode(s as string)),
];
