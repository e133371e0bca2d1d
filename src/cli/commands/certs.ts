// `tollgate certs --dns NAME... --out DIR`: writes ca.crt, tls.crt and tls.key and prints the caBundle.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificates } from '../../certs/issue.js';
import { UserError } from '../errors.js';

/** Issue and write the webhook certificates; returns what to print (the caBundle). */
export function certsCommand(opts: { dns: readonly string[]; out: string; days?: number }, now: Date): string {
  if (opts.dns.length === 0)
    throw new UserError('give the Service DNS names with --dns, e.g. --dns tollgate.tollgate-system.svc');
  const issued = issueCertificates({ dnsNames: opts.dns, now, days: opts.days });
  try {
    mkdirSync(opts.out, { recursive: true });
    // Write each file under a temporary name first, so a failure never leaves a half-written set.
    const files: [string, string, number][] = [
      ['ca.crt', issued.caCert, 0o644],
      ['tls.crt', issued.tlsCert, 0o644],
      ['tls.key', issued.tlsKey, 0o600],
    ];
    for (const [name, text, mode] of files) writeFileSync(join(opts.out, `.${name}.tmp`), text, { mode });
    for (const [name] of files) renameSync(join(opts.out, `.${name}.tmp`), join(opts.out, name));
  } catch (e) {
    throw new UserError(`cannot write certificates to ${opts.out}: ${(e as Error).message}`);
  }
  const caBundle = Buffer.from(issued.caCert).toString('base64');
  return `wrote ${join(opts.out, 'ca.crt')}, ${join(opts.out, 'tls.crt')}, ${join(opts.out, 'tls.key')} for ${opts.dns.join(', ')}\ncaBundle: ${caBundle}\n`;
}
