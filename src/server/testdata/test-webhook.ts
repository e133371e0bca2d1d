// Test helper: a webhook on 127.0.0.1 (port chosen by the OS) with a certificate for `localhost` from a test CA.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificates } from '../../certs/issue.js';
import { fixedClock } from '../../engine/ports.js';
import type { PolicyStore } from '../policy-store.js';
import { startWebhook, type RunningWebhook, type WebhookOptions } from '../webhook-server.js';

/** The test CA and serving certificate (`caCert` is what clients trust). */
export const testCerts = issueCertificates({ dnsNames: ['localhost'], now: new Date() });

/** Write the serving certificate into `dir` and start a webhook on it; `options` override the test defaults. */
export function startTestWebhook(
  store: PolicyStore,
  dir: string,
  options: Partial<WebhookOptions> = {},
): Promise<RunningWebhook> {
  writeFileSync(join(dir, 'tls.crt'), testCerts.tlsCert);
  writeFileSync(join(dir, 'tls.key'), testCerts.tlsKey);
  return startWebhook(store, {
    certFile: join(dir, 'tls.crt'),
    keyFile: join(dir, 'tls.key'),
    port: 0,
    host: '127.0.0.1',
    clock: fixedClock(new Date('2026-06-01T00:00:00Z')),
    ...options,
  });
}
