// Certificates for the admission webhook: a CA and a serving certificate for the Service's DNS names.
import forge from 'node-forge';

/** PEM texts of a freshly issued CA and serving certificate. */
export interface IssuedCertificates {
  readonly caCert: string;
  readonly tlsCert: string;
  readonly tlsKey: string;
}

/** Options for issuing. */
export interface IssueOptions {
  readonly dnsNames: readonly string[];
  readonly now: Date;
  /** Validity of both certificates, in days (default 365). */
  readonly days?: number;
}

/** Issue a self-signed CA and a server certificate signed by it for `dnsNames` (RSA 2048, SHA-256). */
export function issueCertificates(opts: IssueOptions): IssuedCertificates {
  if (opts.dnsNames.length === 0) throw new Error('at least one --dns name is required');
  const days = opts.days ?? 365;
  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = certificate(caKeys.publicKey, opts.now, days, '01');
  const caName = [{ name: 'commonName', value: 'tollgate-webhook-ca' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = forge.pki.rsa.generateKeyPair(2048);
  const tls = certificate(keys.publicKey, opts.now, days, '02');
  tls.setSubject([{ name: 'commonName', value: opts.dnsNames[0] }]);
  tls.setIssuer(caName);
  tls.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: opts.dnsNames.map((value) => ({ type: 2, value })) },
  ]);
  tls.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    caCert: forge.pki.certificateToPem(ca),
    tlsCert: forge.pki.certificateToPem(tls),
    tlsKey: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey))),
  };
}

function certificate(publicKey: forge.pki.PublicKey, now: Date, days: number, serial: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  return cert;
}
