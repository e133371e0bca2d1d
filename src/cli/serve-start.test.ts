// `tollgate serve` that cannot start says why in one line and exits 2 at once; it never hangs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { issueCertificates } from '../certs/issue.js';
import { main } from './main.js';

const policy = fileURLToPath(new URL('./testdata/bad/good-policy.yaml', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tollgate-serve-start-'));
const certs = issueCertificates({ dnsNames: ['localhost'], now: new Date() });
writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
const base = ['serve', '--policies', policy, '--cert', join(dir, 'tls.crt'), '--key', join(dir, 'tls.key')];
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve with an invalid option', () => {
  let err = '';
  beforeEach(() => {
    err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());

  // The last case loads the policies before it checks the timeouts: seconds on a loaded machine.
  it.each([
    [['--port', 'abc'], /--port <n>.*'abc' is invalid\. expected an integer from 0 to 65535/],
    [['--port', '99999'], /--port <n>.*'99999' is invalid/],
    [['--webhook-timeout', '31'], /--webhook-timeout <seconds>.*'31' is invalid\. expected an integer from 1 to 30/],
    [
      ['--webhook-timeout', '5', '--evaluation-timeout', '5000'],
      /--evaluation-timeout 5000 ms must stay below --webhook-timeout 5 s/,
    ],
  ])(
    '%j: one line, exit 2',
    async (args, message) => {
      expect(await main([...base, ...args])).toBe(2);
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    },
    20_000,
  );
});

describe('serve on a port that is taken', () => {
  let taken: Server;
  let port = 0;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => taken.close());

  it('exits 2 with one line instead of hanging', () => {
    const r = spawnSync(process.execPath, [bin, ...base, '--host', '127.0.0.1', '--port', String(port), '--no-watch'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.signal).toBeNull(); // not killed by the timeout: it ended by itself
    expect(r.status).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(/^error: cannot start the webhook: listen EADDRINUSE/)]);
  });
});
