// Availability behind a real kube-apiserver: what the failurePolicy of the configurations `tollgate webhook-config`
// prints does when Tollgate is down (stopped: the port refuses connections) or hung (SIGSTOP: connections are
// accepted, never answered), and two `serve --from-cluster` replicas sharing the Lease `tollgate-background-scan`,
// as deploy/base runs them: only the holder scans, and a holder killed without releasing the Lease hands the scan
// over once the Lease expires (15 s, client-go's default, fixed in src/cluster/leader-lease.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { kubectlResult, registerWebhooks, tollgate } from './support/tollgate.js';
import { podManifest } from './support/manifests.js';
import { startReplica, type Replica } from './support/serve-process.js';
import { eventually } from './support/eventually.js';

const fixtures = fileURLToPath(new URL('./fixtures/availability/', import.meta.url));
const admissionPolicy = join(fixtures, 'admission.yaml');
const backgroundPolicy = join(fixtures, 'background.yaml');
const NS = 'e2e-availability';
/** timeoutSeconds of the webhooks, and serve's --webhook-timeout. */
const TIMEOUT_S = 5;

let cluster: Cluster;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-availability-'));
const certDir = join(dir, 'certs');
const replicas: Replica[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  mkdirSync(certDir, { recursive: true });
  const issued = tollgate(['certs', '--dns', 'localhost', '--out', certDir]);
  if (issued.status !== 0) throw new Error(`tollgate certs failed: ${issued.stderr}`);
  await cluster.kubectl(['create', 'namespace', NS]);
});

afterAll(async () => {
  if (process.env.TOLLGATE_E2E_LOGS)
    writeFileSync(process.env.TOLLGATE_E2E_LOGS, replicas.map((r) => `--- serve ${r.pid}\n${r.logs()}`).join(''));
  await Promise.all(replicas.map((r) => r.stop()));
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function replica(opts: Omit<Parameters<typeof startReplica>[1], 'certDir'>): Promise<Replica> {
  const r = await startReplica(cluster, { certDir, ...opts });
  replicas.push(r);
  return r;
}

const pod = (name: string, labels: Record<string, string> = {}) => podManifest(name, NS, labels);

/** `kubectl create` of an unlabelled Pod (a violation), timed; the outcome goes to the test's output. */
async function timedCreate(name: string) {
  const started = Date.now();
  const r = await kubectlResult(cluster, ['create', '-f', '-'], pod(name));
  const ms = Date.now() - started;
  process.stderr.write(`create ${name}: ${r.ok ? 'admitted' : 'rejected'} after ${ms} ms ${r.stdout}${r.stderr}`);
  return { ...r, ms };
}

/** Register serve's webhooks and wait until the API server calls them (a violating dry run is denied). */
async function registerAndWait(serve: Replica, failurePolicy: 'Ignore' | 'Fail') {
  await registerWebhooks(
    cluster,
    serve,
    [admissionPolicy],
    ['--failure-policy', failurePolicy, '--timeout', String(TIMEOUT_S)],
  );
  await eventually(async () => {
    const r = await kubectlResult(cluster, ['create', '--dry-run=server', '-f', '-'], pod('probe'));
    return !r.ok && r.stderr.includes('denied the request') ? true : undefined;
  });
}

async function deleteWebhooks() {
  await cluster.kubectl([
    'delete',
    'validatingwebhookconfiguration,mutatingwebhookconfiguration',
    '-l',
    'app.kubernetes.io/name=tollgate',
  ]);
}

describe('failurePolicy Ignore (fail-open)', () => {
  let serve: Replica;
  beforeAll(async () => {
    serve = await replica({ policies: [admissionPolicy], extraArgs: ['--webhook-timeout', String(TIMEOUT_S)] });
    await registerAndWait(serve, 'Ignore');
  });
  afterAll(deleteWebhooks);

  it('admits a create while Tollgate hangs, once the webhook timeout has passed', async () => {
    await serve.signal('SIGSTOP');
    try {
      const r = await timedCreate('while-hung');
      expect(r, r.stderr).toMatchObject({ ok: true, stdout: 'pod/while-hung created\n' });
      // The API server waited for the webhook for timeoutSeconds, no longer (plus the rest of the request).
      expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);
      expect(r.ms).toBeLessThan(TIMEOUT_S * 1000 + 10_000);
    } finally {
      await serve.signal('SIGCONT');
    }
  });

  it('admits a create at once while Tollgate is down, well within the webhook timeout', async () => {
    await serve.stop();
    const r = await timedCreate('while-down');
    expect(r, r.stderr).toMatchObject({ ok: true, stdout: 'pod/while-down created\n' });
    // A stopped server on loopback refuses the connection: nothing waits for the timeout.
    expect(r.ms).toBeLessThan(TIMEOUT_S * 1000);
    // Nothing checked it: the violation is in the cluster.
    const labels = await cluster.kubectl(['get', 'pod', 'while-down', '-n', NS, '-o', 'jsonpath={.metadata.labels}']);
    expect(labels.stdout).toBe('');
  });
});

describe('failurePolicy Fail (fail-closed)', () => {
  let serve: Replica;
  beforeAll(async () => {
    serve = await replica({ policies: [admissionPolicy], extraArgs: ['--webhook-timeout', String(TIMEOUT_S)] });
    await registerAndWait(serve, 'Fail');
  });
  afterAll(deleteWebhooks);

  it('rejects a create while Tollgate hangs, once the webhook timeout has passed', async () => {
    await serve.signal('SIGSTOP');
    try {
      const r = await timedCreate('fail-hung');
      expect(r.ok).toBe(false);
      expect(r.stderr).toMatch(
        /^Error from server \(InternalError\): error when creating "STDIN": Internal error occurred: failed calling webhook "validate\.tollgate\.svc": failed to call webhook: Post "https:\/\/localhost:\d+\/validate\?timeout=5s": .*(context deadline exceeded|Timeout)/,
      );
      expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);
      expect(r.ms).toBeLessThan(TIMEOUT_S * 1000 + 10_000);
    } finally {
      await serve.signal('SIGCONT');
    }
  });

  it('rejects a create at once while Tollgate is down, with the message kubectl prints', async () => {
    await serve.stop();
    const r = await timedCreate('fail-down');
    expect(r.ok).toBe(false);
    expect(r.stderr).toBe(
      'Error from server (InternalError): error when creating "STDIN": Internal error occurred: failed calling ' +
        `webhook "validate.tollgate.svc": failed to call webhook: Post "https://localhost:${serve.port}/validate?timeout=5s": ` +
        `dial tcp 127.0.0.1:${serve.port}: connect: connection refused\n`,
    );
    expect(r.ms).toBeLessThan(TIMEOUT_S * 1000);
    expect((await kubectlResult(cluster, ['get', 'pod', 'fail-down', '-n', NS])).ok).toBe(false);
  });
});

describe('two replicas and the Lease tollgate-background-scan', () => {
  const LEASE_NS = 'tollgate-system';
  const names = ['tollgate-0', 'tollgate-1'];
  const pair = new Map<string, Replica>();
  const scans = (r: Replica) => (r.logs().match(/"msg":"background scan done: /g) ?? []).length;
  // The log line of taking this Lease (other Leases, e.g. generate's, have their own name in it).
  const leading = /"msg":"leader election( \(tollgate-background-scan\))?: now leading"/;

  interface Lease {
    spec: { holderIdentity?: string; leaseDurationSeconds?: number; leaseTransitions?: number };
  }
  const lease = async (): Promise<Lease | undefined> => {
    const r = await kubectlResult(cluster, ['get', 'lease', 'tollgate-background-scan', '-n', LEASE_NS, '-o', 'json']);
    return r.ok ? (JSON.parse(r.stdout) as Lease) : undefined;
  };

  beforeAll(async () => {
    await kubectlResult(cluster, ['create', 'namespace', LEASE_NS]); // may exist already
    // Something for the scan to find: a ConfigMap the background policy fails.
    await cluster.kubectl(['create', 'configmap', 'settings', '-n', NS]);
    // As the Deployment's downward API sets them: the Pod's name is the identity, its namespace the Lease's.
    const started = await Promise.all(
      names.map((name) =>
        replica({
          policies: [backgroundPolicy],
          fromCluster: true,
          extraArgs: ['--background-scan-interval', '2'],
          env: { POD_NAME: name, POD_NAMESPACE: LEASE_NS },
        }),
      ),
    );
    names.forEach((name, i) => pair.set(name, started[i]!));
  });

  let holder: string;
  let other: string;

  it('only the holder scans, and its scans reach the PolicyReport', async () => {
    const held = await eventually(async () => (await lease())?.spec.holderIdentity);
    expect(names).toContain(held);
    holder = held;
    other = names.find((n) => n !== held)!;
    // The first scan comes 10 s after leading begins, then one every 2 s: wait for three.
    await eventually(async () => (scans(pair.get(holder)!) >= 3 ? true : undefined), 60_000);
    expect(pair.get(holder)!.logs()).toMatch(leading);
    expect(pair.get(holder)!.logs()).toMatch(/"msg":"background scan done: \d+ resources, [1-9]\d* results"/);
    expect(scans(pair.get(other)!)).toBe(0);
    expect(pair.get(other)!.logs()).not.toMatch(leading);
    expect((await lease())?.spec).toMatchObject({ holderIdentity: holder, leaseDurationSeconds: 15 });
    const uid = (await cluster.kubectl(['get', 'configmap', 'settings', '-n', NS, '-o', 'jsonpath={.metadata.uid}']))
      .stdout;
    const report = await eventually(async () => {
      const got = await kubectlResult(cluster, ['get', 'policyreport', uid, '-n', NS, '-o', 'json']);
      return got.ok ? (JSON.parse(got.stdout) as { results: unknown[] }) : undefined;
    });
    // An Audit failure Enforce would have denied carries serve's mark next to Kyverno's own property.
    expect(report.results).toContainEqual(
      expect.objectContaining({
        policy: 'audit-owner',
        result: 'fail',
        properties: { process: 'background scan', 'tollgate.dev/would-block': 'true' },
      }),
    );
  });

  it('hands the scan over when the holder is killed without releasing the Lease', async () => {
    const before = (await lease())!.spec;
    await pair.get(holder)!.signal('SIGKILL');
    const killed = Date.now();
    // The other replica takes over once it has seen the Lease unrenewed for a whole lease duration.
    const taken = await eventually(async () => {
      const spec = (await lease())?.spec;
      return spec?.holderIdentity === other ? spec : undefined;
    }, 60_000);
    const takeoverMs = Date.now() - killed;
    expect(taken.leaseTransitions).toBe((before.leaseTransitions ?? 0) + 1);
    // Not before the Lease expired (15 s after the last renewal, which was about a retry period, 2 s, before the
    // kill; a candidate that did not wait would take over within one retry period), and soon after: a retry period
    // later, plus slack for a loaded machine.
    expect(takeoverMs).toBeGreaterThanOrEqual(10_000);
    expect(takeoverMs).toBeLessThan(30_000);
    const successor = pair.get(other)!;
    expect(successor.logs()).toMatch(leading);
    await eventually(async () => (scans(successor) >= 1 ? true : undefined), 40_000);
    process.stderr.write(
      `lease handover: ${holder} killed, ${other} held the Lease after ${takeoverMs} ms and scanned after ` +
        `${Date.now() - killed} ms\n`,
    );
  }, 150_000);
});
