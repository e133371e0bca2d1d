// x509_decode (spec §6.7): a PEM CERTIFICATE or CERTIFICATE REQUEST with an RSA key, in the JSON form
// Go's encoding/json gives x509.Certificate / x509.CertificateRequest, shaped from the shared X.509 reader's
// parts (common extensions; name constraints, policies, AIA and CRL distribution points stay null).
import type { JsonObject } from '../../json.js';
import {
  type SignedParts,
  rawFields,
  readCertificate,
  readCertificateRequest,
} from '../../primitives/x509/certificate.js';
import { X509Error } from '../../primitives/x509/der.js';
import { applyExtensions, extensionsJson } from '../../primitives/x509/extensions.js';
import { pkixName } from '../../primitives/x509/names.js';
import { base64, rfc3339 } from '../../primitives/x509/values.js';
import { JmesPathError } from '../errors.js';
import type { ValueObject } from '../values.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

// The extensions decoded into fields: key usage, basic constraints, key ids, SANs, extended key usage.
const DECODED_EXTENSIONS = ['2.5.29.15', '2.5.29.19', '2.5.29.14', '2.5.29.35', '2.5.29.17', '2.5.29.37'];

/** encoding/pem.Decode: the first block's type and bytes. */
function decodePem(text: string): { type: string; der: Uint8Array } {
  const m = /-----BEGIN ([^-\r\n]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) throw new JmesPathError('failed to decode PEM block');
  const body = m[2].replace(/^[\w-]+:.*$/gm, '').replace(/\s+/g, '');
  return { type: m[1], der: new Uint8Array(Buffer.from(body, 'base64')) };
}

function emptyFields(): JsonObject {
  return { DNSNames: null, EmailAddresses: null, IPAddresses: null, URIs: null, ExtraExtensions: null };
}

function keyFields(parts: SignedParts): JsonObject {
  return { PublicKeyAlgorithm: 1, PublicKey: { ...parts.publicKey } };
}

function signatureFields(parts: SignedParts): JsonObject {
  return { SignatureAlgorithm: parts.signatureAlgorithm, Signature: base64(parts.signature) };
}

// Certificate fields before extensions are applied: Go's zero values (rarely used extensions stay so).
const CERTIFICATE_DEFAULTS: JsonObject = {
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

function decodeCertificate(der: Uint8Array): JsonObject {
  const cert = readCertificate(der);
  const out: JsonObject = {
    ...rawFields(cert, 'RawTBSCertificate'),
    RawIssuer: base64(cert.issuer.raw),
    ...signatureFields(cert),
    ...keyFields(cert),
    Version: cert.version,
    SerialNumber: Number(cert.serial),
    Issuer: pkixName(cert.issuer),
    Subject: pkixName(cert.subject),
    NotBefore: rfc3339(cert.notBefore),
    NotAfter: rfc3339(cert.notAfter),
    ...emptyFields(),
    ...CERTIFICATE_DEFAULTS,
  };
  applyExtensions(out, cert.extensions, DECODED_EXTENSIONS);
  return { ...out, Extensions: extensionsJson(cert.extensions) };
}

function decodeRequest(der: Uint8Array): JsonObject {
  const csr = readCertificateRequest(der);
  const out: JsonObject = {
    ...rawFields(csr, 'RawTBSCertificateRequest'),
    Version: csr.version,
    ...signatureFields(csr),
    ...keyFields(csr),
    Subject: pkixName(csr.subject),
    Attributes: null,
    ...emptyFields(),
  };
  applyExtensions(out, csr.extensions, DECODED_EXTENSIONS);
  return { ...out, Extensions: extensionsJson(csr.extensions) };
}

function x509Decode(text: string): ValueObject {
  const { type, der } = decodePem(text);
  try {
    if (type === 'CERTIFICATE') return decodeCertificate(der);
    if (type === 'CERTIFICATE REQUEST') return decodeRequest(der);
  } catch (err) {
    if (err instanceof JmesPathError) throw err;
    // The shared reader's errors carry Go's / Kyverno's messages.
    if (err instanceof X509Error) throw new JmesPathError(err.message);
    const detail = err instanceof Error ? `: ${err.message}` : '';
    throw new JmesPathError(`x509: malformed certificate${detail}`);
  }
  throw new JmesPathError('PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST');
}

/** x509_decode. */
export const X509_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('x509_decode', [arg('string')], ([s]) => x509Decode(s as string)),
];
