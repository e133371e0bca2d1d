import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueCertificates } from './issue.js';

describe('issueCertificates', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const issued = issueCertificates({
    dnsNames: ['tollgate.tollgate-system.svc', 'tollgate.tollgate-system.svc.cluster.local'],
    now,
    days: 30,
  });
  const ca = new X509Certificate(issued.caCert);
  const tls = new X509Certificate(issued.tlsCert);

  it('issues a CA and a serving certificate signed by it', () => {
    expect(ca.ca).toBe(true);
    expect(tls.ca).toBe(false);
    expect(tls.verify(ca.publicKey)).toBe(true);
    expect(tls.checkIssued(ca)).toBe(true);
  });

  it('covers every DNS name and the validity period', () => {
    expect(tls.checkHost('tollgate.tollgate-system.svc')).toBe('tollgate.tollgate-system.svc');
    expect(tls.checkHost('tollgate.tollgate-system.svc.cluster.local')).toBeDefined();
    expect(tls.checkHost('other.svc')).toBeUndefined();
    expect(new Date(tls.validTo).getTime()).toBeGreaterThan(now.getTime() + 29 * 86_400_000);
  });

  it('gives the private key of the serving certificate', () => {
    const key = createPrivateKey(issued.tlsKey);
    expect(tls.checkPrivateKey(key)).toBe(true);
    expect(createPublicKey(key).export({ format: 'pem', type: 'spki' })).toBe(
      tls.publicKey.export({ format: 'pem', type: 'spki' }),
    );
  });

  it('needs a DNS name', () => {
    expect(() => issueCertificates({ dnsNames: [], now })).toThrow(/--dns/);
  });
});
