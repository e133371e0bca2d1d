// A throwaway Kubernetes control plane for the e2e suite and for hand testing (`npm run cluster:up`):
// etcd, kube-apiserver and kube-controller-manager built from test/e2e/tools, on loopback ports, with TLS,
// an admin client certificate, service-account keys, RBAC and the default admission plugins, plus the CRDs
// Tollgate reads and writes (deploy/base/crds). No kubelet and no scheduler: Pods are stored, never run.
import { spawn, execFile } from 'node:child_process';
import { generateKeyPair } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const execFileP = promisify(execFile);

/** Cluster IP range of Services; the API server takes its first address for `kubernetes.default`. */
const serviceCidr = '10.96.0.0/24';
/**
 * The controllers the tests need: namespace (a deleted Namespace is emptied and goes away instead of
 * staying Terminating), serviceaccount (each Namespace gets `default`, without which the ServiceAccount
 * admission plugin rejects every Pod) and the garbage collector (ownerReferences cascade).
 */
const controllers = ['namespace-controller', 'serviceaccount-controller', 'garbage-collector-controller'];

/** Clusters not yet stopped, for the exit and signal handlers. */
const live = new Set();

/**
 * Start a cluster.
 * @param {object} [opts]
 * @param {string} [opts.binDir] the tools (default: $TOLLGATE_E2E_BIN, else scripts/e2e/build-tools.sh builds or finds them)
 * @param {string} [opts.workDir] certificates, kubeconfig, etcd data and logs (default: a temp dir, removed by stop())
 * @param {boolean} [opts.installCrds] apply deploy/base/crds and wait until Established (default true)
 * @param {(line: string) => void} [opts.log] progress lines (default: none)
 */
export async function startCluster(opts = {}) {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const binDir = opts.binDir ?? process.env.TOLLGATE_E2E_BIN ?? (await buildTools(log));
  const ownDir = !opts.workDir;
  const workDir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'tollgate-cluster-'));
  mkdirSync(workDir, { recursive: true });
  const cluster = { workDir, ownDir, procs: [], stopping: null };
  live.add(cluster);
  installHandlers();
  try {
    writeFileSync(join(workDir, 'pids'), '');
    cluster.procs.push(watchdog(cluster));
    const [etcdPort, etcdPeerPort, apiPort] = await freePorts(3);
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    // etcd on plain HTTP: it listens on loopback only and lives as long as the test.
    cluster.procs.push(
      run(cluster, binDir, 'etcd', [
        `--data-dir=${join(workDir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${etcdPeerPort}`,
        // The data is thrown away: no fsync per write.
        '--unsafe-no-fsync',
      ]),
    );

    const pki = await makePki(workDir);
    const apiServerUrl = `https://127.0.0.1:${apiPort}`;
    cluster.procs.push(
      run(cluster, binDir, 'kube-apiserver', [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        // The endpoint reconcilers refuse a loopback address for the `kubernetes` Service's Endpoints;
        // nothing runs in this cluster to use them.
        '--endpoint-reconciler-type=none',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${pki.files.servingCert}`,
        `--tls-private-key-file=${pki.files.servingKey}`,
        `--client-ca-file=${pki.files.caCert}`,
        '--authorization-mode=Node,RBAC',
        `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
        `--service-account-key-file=${pki.files.saPublicKey}`,
        `--service-account-signing-key-file=${pki.files.saPrivateKey}`,
        `--service-cluster-ip-range=${serviceCidr}`,
        // As kubeadm sets it: privileged Pods are the policies' business, not the API server's.
        '--allow-privileged=true',
        '--profiling=false',
      ]),
    );

    const kubeconfig = join(workDir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml(apiServerUrl, pki), { mode: 0o600 });
    // /readyz answers 200 once etcd is connected and the bootstrap (RBAC roles, priority levels) is done.
    await waitFor(cluster, `${apiServerUrl}/readyz`, pki, 'kube-apiserver readiness');
    log(`kube-apiserver ready at ${apiServerUrl} after ${ms(started)}`);

    cluster.procs.push(
      run(cluster, binDir, 'kube-controller-manager', [
        `--kubeconfig=${kubeconfig}`,
        `--controllers=${controllers.join(',')}`,
        '--leader-elect=false',
        '--secure-port=0',
      ]),
    );

    // kubectl keeps its discovery cache here rather than in ~/.kube/cache (one entry per random port).
    const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(workDir, 'kube-cache') };
    const kubectl = (args, input) => runKubectl(binDir, env, args, input);
    if (opts.installCrds ?? true) {
      const crds = join(repoRoot, 'deploy/base/crds');
      await kubectl(['apply', '--server-side', '-k', crds]);
      await kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
      log(`CRDs from ${crds} established after ${ms(started)}`);
    }
    // Pods can be created (see `controllers`) once the controller manager has made this ServiceAccount.
    await waitFor(
      cluster,
      `${apiServerUrl}/api/v1/namespaces/default/serviceaccounts/default`,
      pki,
      'ServiceAccount default/default',
    );

    return {
      kubeconfig,
      apiServerUrl,
      caCertPem: pki.caCertPem,
      clientCertPem: pki.clientCertPem,
      clientKeyPem: pki.clientKeyPem,
      binDir,
      workDir,
      /** Environment for child processes: KUBECONFIG (and kubectl's cache) point at this cluster. */
      env,
      /** Run the built kubectl against this cluster; resolves to { stdout, stderr }, rejects on a non-zero exit. */
      kubectl,
      /** Milliseconds from the call to a ready cluster. */
      startupMs: Math.round(performance.now() - started),
      stop: () => stopCluster(cluster),
    };
  } catch (err) {
    await stopCluster(cluster);
    throw err;
  }
}

/** Run scripts/e2e/build-tools.sh (its progress shown on our stderr); its last stdout line is the bin dir. */
async function buildTools(log) {
  log('locating or building the e2e tools (scripts/e2e/build-tools.sh)');
  const child = spawn('bash', [join(repoRoot, 'scripts/e2e/build-tools.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((res) => child.on('close', res));
  if (code !== 0) throw new Error(`scripts/e2e/build-tools.sh failed (exit ${code})`);
  return out.trim().split('\n').pop();
}

/** Start a tool in its own process group (stop() kills the group), its output in <workDir>/<name>.log. */
function run(cluster, binDir, name, args) {
  const logFile = join(cluster.workDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(join(binDir, name), args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid) appendFileSync(join(cluster.workDir, 'pids'), `${child.pid}\n`);
  return track(name, child, logFile);
}

function track(name, child, logFile) {
  const proc = { name, child, logFile, exited: false };
  child.on('exit', () => (proc.exited = true));
  child.on('error', (err) => Object.assign(proc, { exited: true, error: err }));
  return proc;
}

/**
 * The exit handlers cannot run when this process is SIGKILLed (a test runner's hard timeout, an OOM kill):
 * a small detached process notices that it was orphaned and kills the process groups listed in <workDir>/pids.
 */
function watchdog(cluster) {
  const source = `const fs = require('node:fs');
const [parent, dir, own] = process.argv.slice(1);
setInterval(() => {
  if (process.ppid === Number(parent)) return;
  let pids = [];
  try { pids = fs.readFileSync(dir + '/pids', 'utf8').split('\\n').filter(Boolean); } catch {}
  for (const pid of pids) try { process.kill(-pid, 'SIGKILL'); } catch {}
  if (own === '1') fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}, 1000);`;
  const args = ['-e', source, String(process.pid), cluster.workDir, cluster.ownDir ? '1' : '0'];
  return track('watchdog', spawn(process.execPath, args, { detached: true, stdio: 'ignore' }), null);
}

/** Idempotent: every caller (stop(), a signal handler) awaits the same stopping. */
function stopCluster(cluster) {
  cluster.stopping ??= stopProcesses(cluster);
  return cluster.stopping;
}

async function stopProcesses(cluster) {
  // The controller manager first, etcd last: each stops while what it talks to is still there.
  for (const proc of [...cluster.procs].reverse()) {
    if (proc.exited) continue;
    signal(proc, 'SIGTERM');
    const exited = new Promise((res) => proc.child.once('exit', res));
    if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) {
      signal(proc, 'SIGKILL');
      await exited;
    }
  }
  if (cluster.ownDir) rmSync(cluster.workDir, { recursive: true, force: true });
  live.delete(cluster);
}

function signal(proc, sig) {
  try {
    process.kill(-proc.child.pid, sig);
  } catch {
    // The group is already gone.
  }
}

let handlersInstalled = false;
/**
 * Kill what is still running when the process ends without stop(): on exit (synchronously: SIGKILL and
 * remove the temp dirs) and on SIGINT/SIGTERM/SIGHUP (stop, then die of the same signal unless someone
 * else listens for it).
 */
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const cluster of live) {
      for (const proc of cluster.procs) if (!proc.exited) signal(proc, 'SIGKILL');
      if (cluster.ownDir) rmSync(cluster.workDir, { recursive: true, force: true });
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = async () => {
      process.removeListener(sig, onSignal);
      await Promise.all([...live].map(stopCluster));
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

/** Ports the kernel hands out now; nothing else on this machine races us for loopback ports in practice. */
export async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const server = createServer();
      return new Promise((res, rej) => server.listen(0, '127.0.0.1', () => res(server)).on('error', rej));
    }),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((res) => s.close(res))));
  return ports;
}

/** Poll a URL with the admin certificate until it answers 200; fail early when one of the processes died. */
async function waitFor(cluster, url, pki, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = cluster.procs.find((p) => p.exited);
    if (dead) throw new Error(`${dead.name} exited during startup:\n${dead.error?.message ?? tail(dead.logFile)}`);
    last = await new Promise((res) => {
      const req = request(
        url,
        { ca: pki.caCertPem, cert: pki.clientCertPem, key: pki.clientKeyPem, timeout: 2000 },
        (resp) => {
          resp.resume();
          resp.on('end', () => res(resp.statusCode === 200 ? 'ok' : `HTTP ${resp.statusCode}`));
        },
      );
      req.on('error', (e) => res(e.message));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end();
    });
    if (last === 'ok') return;
    await sleep(100);
  }
  const logs = cluster.procs.filter((p) => p.logFile).map((p) => `${p.name}:\n${tail(p.logFile, 10)}`);
  throw new Error(`${what} not there after ${timeoutMs} ms (${url}: ${last})\n${logs.join('\n')}`);
}

async function runKubectl(binDir, env, args, input) {
  const child = execFileP(join(binDir, 'kubectl'), args, { env, maxBuffer: 64 << 20 });
  if (input !== undefined) child.child.stdin.end(input);
  try {
    return await child;
  } catch (err) {
    throw new Error(`kubectl ${args.join(' ')} failed (exit ${err.code}): ${err.stderr || err.message}`, {
      cause: err,
    });
  }
}

/** CA, API server serving certificate, admin client certificate and service-account key pair (RSA 2048). */
async function makePki(dir) {
  const [ca, serving, admin, sa] = await rsaKeys(4);
  const caName = [{ name: 'commonName', value: 'tollgate-e2e-ca' }];
  const caCert = sign(ca, ca, caName, caName, caExtensions);
  const servingCert = sign(serving, ca, [{ name: 'commonName', value: 'kube-apiserver' }], caName, [
    ...serverExtensions,
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 2, value: 'kubernetes.default.svc' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '10.96.0.1' },
      ],
    },
  ]);
  // O=system:masters: the group RBAC's bootstrap binds to cluster-admin.
  const adminName = [
    { name: 'commonName', value: 'tollgate-e2e-admin' },
    { name: 'organizationName', value: 'system:masters' },
  ];
  const clientCert = sign(admin, ca, adminName, caName, [
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  const files = {
    caCert: join(dir, 'ca.crt'),
    servingCert: join(dir, 'apiserver.crt'),
    servingKey: join(dir, 'apiserver.key'),
    saPublicKey: join(dir, 'sa.pub'),
    saPrivateKey: join(dir, 'sa.key'),
  };
  writeFileSync(files.caCert, caCert);
  writeFileSync(files.servingCert, servingCert);
  writeFileSync(files.servingKey, serving.privateKey, { mode: 0o600 });
  writeFileSync(files.saPublicKey, sa.publicKey);
  writeFileSync(files.saPrivateKey, sa.privateKey, { mode: 0o600 });
  return { files, caCertPem: caCert, clientCertPem: clientCert, clientKeyPem: admin.privateKey };
}

/**
 * A CA and a serving certificate signed by it, for a test's own HTTPS server (a webhook the API server calls).
 * @param {{ dnsNames?: string[], ips?: string[] }} [names] default: localhost and 127.0.0.1
 */
export async function issueServingCertificate({ dnsNames = ['localhost'], ips = ['127.0.0.1'] } = {}) {
  const [ca, server] = await rsaKeys(2);
  const caName = [{ name: 'commonName', value: 'tollgate-e2e-webhook-ca' }];
  const caCertPem = sign(ca, ca, caName, caName, caExtensions);
  const certPem = sign(server, ca, [{ name: 'commonName', value: dnsNames[0] ?? ips[0] }], caName, [
    ...serverExtensions,
    {
      name: 'subjectAltName',
      altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ips.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  return { caCertPem, certPem, keyPem: server.privateKey };
}

/** PEM key pairs; node:crypto makes the keys (natively, fast), node-forge builds and signs the certificates. */
function rsaKeys(n) {
  const pem = {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  };
  const keyPair = promisify(generateKeyPair);
  return Promise.all(Array.from({ length: n }, () => keyPair('rsa', { modulusLength: 2048, ...pem })));
}

const caExtensions = [
  { name: 'basicConstraints', cA: true, critical: true },
  { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
];
const serverExtensions = [
  { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
  { name: 'extKeyUsage', serverAuth: true },
];

function sign(subjectKeys, issuerKeys, subject, issuer, extensions) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subjectKeys.publicKey);
  // A positive serial: the leading byte stays below 0x80.
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 7 * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(issuerKeys.privateKey), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

function kubeconfigYaml(server, pki) {
  const b64 = (s) => Buffer.from(s).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
  - name: tollgate-e2e
    cluster: { server: ${server}, certificate-authority-data: ${b64(pki.caCertPem)} }
users:
  - name: admin
    user: { client-certificate-data: ${b64(pki.clientCertPem)}, client-key-data: ${b64(pki.clientKeyPem)} }
contexts:
  - name: tollgate-e2e
    context: { cluster: tollgate-e2e, user: admin }
current-context: tollgate-e2e
`;
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (msec) => new Promise((res) => setTimeout(res, msec));
const ms = (since) => `${Math.round(performance.now() - since)} ms`;
