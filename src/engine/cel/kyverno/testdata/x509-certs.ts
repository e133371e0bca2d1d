// Test certificates for x509.decode, generated with node-forge at test time (no key material is committed).
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

const { asn1, pki } = forge;

/** PEMs built once per test run: an RSA CA certificate, an RSA CSR and a certificate with an EC key. */
export interface TestPems {
  caCert: string;
  csr: string;
  ecCert: string;
  modulus: string;
  caDerBase64: string;
}

function seq(...items: forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

function oid(dotted: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
}

function contextString(tag: number, text: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, text);
}

const names = [
  { shortName: 'CN', value: 'Tollgate Test CA' },
  { shortName: 'O', value: 'Tollgate' },
  { shortName: 'O', value: 'Kyverno Compat' },
  { shortName: 'C', value: 'NL' },
];

// Authority info access, certificate policies and name constraints have no forge builder: raw values.
const rawExtensions = [
  {
    id: '1.3.6.1.5.5.7.1.1',
    value: seq(
      seq(oid('1.3.6.1.5.5.7.48.1'), contextString(6, 'http://ocsp.example.com')),
      seq(oid('1.3.6.1.5.5.7.48.2'), contextString(6, 'http://ca.example.com/ca.crt')),
    ),
  },
  { id: '2.5.29.32', value: seq(seq(oid('2.23.140.1.2.1'))) },
  {
    id: '2.5.29.30',
    critical: true,
    value: seq(
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [seq(contextString(2, '.example.com'))]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [seq(contextString(7, '\x0a\x00\x00\x00\xff\x00\x00\x00'))]),
    ),
  },
];

function caCertificate(keys: forge.pki.rsa.KeyPair): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date('2024-01-02T03:04:05Z');
  cert.validity.notAfter = new Date('2034-01-02T03:04:05Z');
  cert.setSubject(names);
  cert.setIssuer(names);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, cRLSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'ca.example.com' },
        { type: 2, value: '*.example.com' },
        { type: 1, value: 'admin@example.com' },
        { type: 7, ip: '10.1.2.3' },
        { type: 7, ip: '2001:db8::1' },
        { type: 6, value: 'spiffe://example.com/ca' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
    { name: 'cRLDistributionPoints', altNames: [{ type: 6, value: 'http://crl.example.com/ca.crl' }] },
    ...rawExtensions,
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return cert;
}

function certificateRequest(keys: forge.pki.rsa.KeyPair): string {
  const csr = pki.createCertificationRequest();
  csr.publicKey = keys.publicKey;
  csr.setSubject([
    { shortName: 'CN', value: 'workload.example.com' },
    { shortName: 'OU', value: 'Platform' },
  ]);
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'workload.example.com' },
            { type: 6, value: 'https://user@svc.example.com:8443/a%20b?x=1#frag' },
          ],
        },
      ],
    },
  ]);
  csr.sign(keys.privateKey, forge.md.sha256.create());
  return pki.certificationRequestToPem(csr);
}

/** The CA certificate re-encoded with an EC (P-256) SubjectPublicKeyInfo; its signature is not valid. */
function withEcKey(cert: forge.pki.Certificate): string {
  const spkiDer = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' });
  // A fresh parse: forge caches the TBS structure on the certificate.
  const certAsn1 = asn1.fromDer(asn1.toDer(pki.certificateToAsn1(cert)));
  const tbs = (certAsn1.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  tbs[6] = asn1.fromDer(spkiDer.toString('binary'));
  return derToPem('CERTIFICATE', asn1.toDer(certAsn1).getBytes());
}

/** A PEM block of `type` around DER bytes (binary string). */
export function derToPem(type: string, der: string): string {
  return forge.pem.encode({ type, body: der });
}

/** Builds the test PEMs with a fresh 1024-bit RSA key (small keys keep the pure-JS generation fast). */
export function buildTestPems(): TestPems {
  const keys = pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = caCertificate(keys);
  return {
    caCert: pki.certificateToPem(cert),
    csr: certificateRequest(keys),
    ecCert: withEcKey(cert),
    modulus: BigInt(`0x${keys.publicKey.n.toString(16)}`).toString(),
    caDerBase64: forge.util.encode64(asn1.toDer(pki.certificateToAsn1(cert)).getBytes()),
  };
}
