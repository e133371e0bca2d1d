// `tollgate serve --workers 2` as a user runs it (the built CLI, a child process): both workers answer reviews, a
// policy edit is loaded once by the primary and enforced by every worker, /metrics sums over the workers, a worker
// that dies is restarted, and SIGTERM drains, writes the reports once and exits 0. Each answer of a worker carries
// the header `tollgate-worker: <n>`, which is how the test tells them apart.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../cluster/testdata/kube-test-helpers.js';
import { testCerts as certs } from '../server/testdata/test-webhook.js';

const bin = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const fixture = (name: string) =>
  readFileSync(new URL(`../server/admission/testdata/${name}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-serve-workers-'));
const policies = join(dir, 'policies');
const reports = join(dir, 'reports');

let serve: ChildProcess;
let log = '';
let port = 0;
let sent = 0;

beforeAll(async () => {
  mkdirSync(policies);
  writeFileSync(join(policies, 'policies.yaml'), fixture('policies.yaml'));
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const args = ['serve', '--workers', '2', '--policies', policies, '--cert', join(dir, 'tls.crt')];
  args.push('--key', join(dir, 'tls.key'), '--host', '127.0.0.1', '--port', '0');
  // Reports are written every hour: the only write in this test is the one at shutdown.
  args.push('--reports-dir', reports, '--report-interval', '3600');
  serve = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  serve.stderr!.on('data', (c: Buffer) => (log += c.toString('utf8')));
  await eventually(() => expect(log).toMatch(/"msg":"tollgate webhook listening","port":\d+,"workers":2/), 30_000);
  port = Number(/"msg":"tollgate webhook listening","port":(\d+)/.exec(log)![1]);
});
afterAll(() => {
  if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** One request on a connection of its own (the primary hands each new connection to the next worker). */
function call(method: string, path: string, body?: string): Promise<{ status: number; worker: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, ca: certs.caCert, servername: 'localhost', agent: false },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, worker: String(res.headers['tollgate-worker']), text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A Pod CREATE of `name` with the `latest` tag (Audit policies report it; deny-latest, once loaded, denies it). */
async function review(name: string): Promise<{ allowed: boolean; message?: string; worker: string }> {
  const body = parse(fixture('create-pod-latest.yaml')) as { request: Record<string, any> };
  body.request.uid = `uid-review-${name}`;
  body.request.name = name;
  body.request.object.metadata = { ...body.request.object.metadata, name, uid: `uid-${name}` };
  sent++;
  const r = await call('POST', '/validate', JSON.stringify(body));
  expect(r.status).toBe(200);
  const { response } = JSON.parse(r.text) as { response: { allowed: boolean; status?: { message: string } } };
  return { allowed: response.allowed, message: response.status?.message, worker: r.worker };
}

const metric = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${series} `))
      ?.split(' ')[1] ?? NaN,
  );
const REVIEWS_200 = 'tollgate_admission_requests_total{webhook="validate",code="200"}';
const loads = () => log.split('\n').filter((l) => l.includes('"msg":"policies loaded"')).length;

// The workers are the serve process's children (Linux: their /proc stat names the parent).
function workerPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(serve.pid);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

describe('serve --workers 2', () => {
  it('answers reviews from both workers, and /metrics from any of them sums over both', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await review(`web-${i}`));
    expect(answers.every((a) => a.allowed)).toBe(true);
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    const scrapes = [await call('GET', '/metrics'), await call('GET', '/metrics')];
    expect(new Set(scrapes.map((s) => s.worker))).toEqual(new Set(['1', '2']));
    for (const { text } of scrapes) {
      expect(metric(text, REVIEWS_200)).toBe(8);
      expect(metric(text, 'tollgate_policies_loaded')).toBe(12);
      expect(metric(text, 'tollgate_workers')).toBe(2);
    }
    expect(JSON.parse((await call('GET', '/readyz')).text)).toMatchObject({ status: 'ready', policies: 12 });
  });

  it('loads an edited policy directory once, in the primary, and every worker enforces it', async () => {
    expect(loads()).toBe(1);
    const denyLatest = fixture('cel-policies.yaml')
      .split(/^---$/m)
      .find((d) => d.includes('name: deny-latest'))!;
    writeFileSync(join(dir, 'deny-latest.yaml'), denyLatest);
    renameSync(join(dir, 'deny-latest.yaml'), join(policies, 'deny-latest.yaml'));
    await eventually(() => expect(loads()).toBe(2), 10_000);
    await eventually(
      async () => {
        const answers = [];
        for (let i = 0; i < 4; i++) answers.push(await review(`latest-${sent}`));
        expect(answers.map((a) => a.message)).toEqual(
          Array(4).fill('Policy deny-latest failed: images must not use the latest tag'),
        );
        expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
      },
      10_000,
      100,
    );
    const { text } = await call('GET', '/metrics');
    expect(metric(text, REVIEWS_200)).toBe(sent);
    expect(metric(text, 'tollgate_policies_loaded')).toBe(13);
    await new Promise((r) => setTimeout(r, 500));
    expect(loads()).toBe(2); // one reload, whatever the number of workers
  });

  it('restarts a worker that dies, and both serve again', async () => {
    rmSync(join(policies, 'deny-latest.yaml'));
    await eventually(() => expect(loads()).toBe(3), 10_000);
    const pids = workerPids();
    expect(pids).toHaveLength(2);
    process.kill(pids[0], 'SIGKILL');
    await eventually(() =>
      expect(log).toMatch(/"msg":"worker exited unexpectedly; restarting it".*"signal":"SIGKILL"/),
    );
    await eventually(() => expect(workerPids().filter((p) => !pids.includes(p))).toHaveLength(1), 15_000);
    await eventually(
      async () => {
        const workers = new Set<string>();
        for (let i = 0; i < 4; i++) {
          const a = await review(`after-restart-${sent}`);
          expect(a.allowed).toBe(true);
          workers.add(a.worker);
        }
        expect(workers.size).toBe(2);
        expect([...workers].some((w) => Number(w) > 2)).toBe(true);
      },
      15_000,
      100,
    );
    expect(metric((await call('GET', '/metrics')).text, 'tollgate_worker_restarts_total')).toBe(1);
    // A second death (a restarted worker's too) restarts one worker again, not one per earlier restart.
    const before = workerPids();
    process.kill(before[0], 'SIGKILL');
    await eventually(() => expect(workerPids().filter((p) => !before.includes(p))).toHaveLength(1), 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(workerPids()).toHaveLength(2);
    expect(log.split('\n').filter((l) => l.includes('"msg":"worker exited unexpectedly'))).toHaveLength(2);
    expect(metric((await call('GET', '/metrics')).text, 'tollgate_worker_restarts_total')).toBe(2);
  }, 60_000); // two restarts, the second after a 2 s backoff

  it('on SIGTERM drains, writes the reports of every worker once, and exits 0', async () => {
    expect(existsSync(reports)).toBe(false);
    const exited = new Promise<number | null>((resolve) => serve.once('exit', (code) => resolve(code)));
    serve.kill('SIGTERM');
    expect(await exited).toBe(0);
    const written = readFileSync(join(reports, 'policyreport-default.yaml'), 'utf8');
    // Admitted pods answered by either worker (the ones deny-latest denied are not reported).
    for (const name of ['web-0', 'web-1', 'web-7']) expect(written).toMatch(new RegExp(`name: ${name}\\n`));
    expect(written).not.toMatch(/name: latest-/);
    expect(log).toMatch(/"msg":"shutting down, draining in-flight reviews","signal":"SIGTERM"/);
  });
});
