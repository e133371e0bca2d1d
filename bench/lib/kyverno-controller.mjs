// Kyverno's admission controller (cmd/kyverno of the release pinned in test/e2e/tools/kyverno, built by
// scripts/e2e/build-kyverno.sh) run out of cluster against the e2e launcher's API server, as its `--serverIP` flag
// ("IP address where Kyverno controller runs. Only required if out-of-cluster.") provides for: its CRDs, and the
// `kyverno` Namespace, its two ConfigMaps (resource filters, webhook namespace selector) and ServiceAccounts from
// the release's install manifest are applied first, then the controller starts with `--kubeconfig`, serves on a
// loopback port, makes its own CA and serving certificate (Secrets in `kyverno`, with the serverIP in the SANs) and
// registers its webhooks itself, as URL webhooks (https://<serverIP><path>) instead of Service references. What the chart's Deployment adds in a cluster and is
// left out here: the Deployment itself (with a serverIP Kyverno skips its rolling-update checks), its RBAC (the
// controller uses the admin kubeconfig, which is cluster-admin; Kyverno's ClusterRoles are aggregated, and the e2e
// controller manager runs no aggregation controller), the kyvernopre init container (it only cleans up after older
// versions), and the background, reports and cleanup controllers (separate binaries; Pod creates need none).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { freePorts } from '../../test/e2e/cluster/cluster.mjs';
import { clearTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NAMESPACE = 'kyverno';
const SERVICE = 'kyverno-svc';
/** The names the chart gives (values.yaml: `<service>.<namespace>.svc.kyverno-tls-ca` / `-pair`). */
const CA_SECRET = `${SERVICE}.${NAMESPACE}.svc.kyverno-tls-ca`;
const TLS_SECRET = `${SERVICE}.${NAMESPACE}.svc.kyverno-tls-pair`;
/**
 * Kyverno validates a generate rule against the permissions of its admission and background controllers'
 * ServiceAccounts (SubjectAccessReviews), which a user grants with ClusterRoles aggregated into Kyverno's: here
 * bound directly (no aggregation controller runs), for what the starter set's add-namespace-defaults generates.
 */
const GENERATE_RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: 'kyverno:e2e-bench:generate' }
rules:
  - { apiGroups: [''], resources: [resourcequotas, limitranges], verbs: [get, list, watch, create, update, patch, delete] }
  - { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, list, watch, create, update, patch, delete] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: 'kyverno:e2e-bench:generate' }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: 'kyverno:e2e-bench:generate' }
subjects:
  - { kind: ServiceAccount, namespace: ${NAMESPACE}, name: kyverno-admission-controller }
  - { kind: ServiceAccount, namespace: ${NAMESPACE}, name: kyverno-background-controller }
`;

/** The Kyverno release the wrapper module pins (its go.mod), e.g. v1.19.1. */
export function kyvernoVersion() {
  const gomod = readFileSync(join(root, 'test', 'e2e', 'tools', 'kyverno', 'go.mod'), 'utf8');
  return /^\s*github\.com\/kyverno\/kyverno (v\S+)/m.exec(gomod)?.[1] ?? 'unknown';
}

/** The documents of a multi-document YAML file whose top-level `kind` is one of `kinds`, as one YAML stream. */
function documentsOfKind(file, kinds) {
  const docs = readFileSync(file, 'utf8').split(/^---$/m);
  return docs.filter((d) => kinds.some((k) => new RegExp(`^kind: ${k}$`, 'm').test(d))).join('\n---\n');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Install what the controller reads (CRDs, Namespace, ConfigMaps, ServiceAccounts) and start it; resolves once its
 * policy webhooks are registered and its server answers TLS (resource webhooks follow the ClusterPolicies: applyPolicies).
 * @param {{ cluster: import('../../test/e2e/cluster/cluster.mjs').Cluster, binDir: string, log?: (l: string) => void }} opts
 */
export async function startKyvernoController({ cluster, binDir, log = () => {} }) {
  const started = performance.now();
  const config = join(binDir, 'kyverno-config');
  // Server-side: the CRDs are too large for client-side apply's annotation. Kyverno's own ClusterPolicy CRD
  // replaces the one deploy/base/crds installed under the same name (same field manager, so no conflict).
  await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '-R', '-f', join(config, 'crds')]);
  // A CRD created a moment ago may have no status yet, which `kubectl wait` takes for an error: try again.
  for (let i = 0; ; i++) {
    try {
      await cluster.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
      break;
    } catch (err) {
      if (i >= 20) throw err;
      await sleep(250);
    }
  }
  const install = documentsOfKind(join(config, 'install.yaml'), ['Namespace', 'ConfigMap', 'ServiceAccount']);
  await cluster.kubectl(['apply', '-f', '-'], `${install}\n---\n${GENERATE_RBAC}`);
  log(
    `Kyverno CRDs, Namespace, ConfigMaps and ServiceAccounts applied after ${Math.round(performance.now() - started)} ms`,
  );

  const [port, metricsPort] = await freePorts(2);
  // The chart's admission-controller arguments (install manifest), minus what needs a Pod, plus out-of-cluster.
  const args = [
    `--kubeconfig=${cluster.kubeconfig}`,
    `--serverIP=127.0.0.1:${port}`,
    '--webhookServerHost=127.0.0.1',
    `--webhookServerPort=${port}`,
    `--caSecretName=${CA_SECRET}`,
    `--tlsSecretName=${TLS_SECRET}`,
    '--tlsKeyAlgorithm=RSA',
    `--backgroundServiceAccountName=system:serviceaccount:${NAMESPACE}:kyverno-background-controller`,
    `--reportsServiceAccountName=system:serviceaccount:${NAMESPACE}:kyverno-reports-controller`,
    '--resyncPeriod=15m',
    '--crdWatcher=false',
    '--disableMetrics=false',
    '--otelConfig=prometheus',
    '--metricsHost=127.0.0.1',
    `--metricsPort=${metricsPort}`,
    // No reports controller runs to consume admission reports: they would only pile up.
    '--admissionReports=false',
    '--autoUpdateWebhooks=true',
    '--excludeBootstrapResources=false',
    '--enableConfigMapCaching=true',
    '--controllerRuntimeMetricsAddress=0',
    '--enableDeferredLoading=true',
    '--dumpPayload=false',
    '--forceFailurePolicyIgnore=false',
    // Kyverno alone in the admission path: no ValidatingAdmissionPolicies generated for the API server to run.
    '--generateValidatingAdmissionPolicy=false',
    '--generateMutatingAdmissionPolicy=false',
    '--dumpPatches=false',
    '--maxAPICallResponseLength=2000000',
    '--apiCallTimeout=30s',
    '--loggingFormat=text',
    '--disableLogColor',
    '--v=2',
    '--omitEvents=PolicyApplied,PolicySkipped',
    '--enablePolicyException=false',
    '--protectManagedResources=false',
    '--allowInsecureRegistry=false',
  ];
  const env = {
    ...process.env,
    INIT_CONFIG: 'kyverno',
    METRICS_CONFIG: 'kyverno-metrics',
    KYVERNO_NAMESPACE: NAMESPACE,
    KYVERNO_POD_NAME: 'kyverno-admission-controller-local',
    KYVERNO_SERVICEACCOUNT_NAME: 'kyverno-admission-controller',
    KYVERNO_ROLE_NAME: 'kyverno:admission-controller',
    KYVERNO_DEPLOYMENT: 'kyverno-admission-controller',
    KYVERNO_SVC: SERVICE,
  };
  const logFile = join(cluster.workDir, 'kyverno-controller.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(join(binDir, 'kyverno-controller'), args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const logs = (lines = 40) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const controller = { child, port, metricsPort, logFile, logs, stop: () => stopChild(child) };
  try {
    // Its webhook controller registers the policy webhooks as soon as the CA Secret exists, which can be before
    // the serving key pair does (the server then fails every handshake): ready once a TLS request verified with
    // the registered caBundle goes through.
    await waitUntil(controller, 120_000, 'its policy webhook registered and serving TLS', async () => {
      const r = await cluster
        .kubectl(['get', 'validatingwebhookconfiguration', 'kyverno-policy-validating-webhook-cfg', '-o', 'json'])
        .catch(() => null);
      const cc = r && JSON.parse(r.stdout).webhooks?.[0]?.clientConfig;
      if (!cc?.url?.startsWith(`https://127.0.0.1:${port}/`) || !cc.caBundle) return false;
      return (await liveness(port, Buffer.from(cc.caBundle, 'base64').toString())) === 200;
    });
    log(
      `Kyverno admission controller serving on 127.0.0.1:${port} after ${Math.round(performance.now() - started)} ms`,
    );
    return controller;
  } catch (err) {
    await controller.stop();
    throw err;
  }
}

/** GET /health/liveness over TLS verified with `ca`: the status, or 0 when the handshake or request fails. */
function liveness(port, ca) {
  return new Promise((resolve_) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/health/liveness', ca, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve_(res.statusCode));
    });
    req.on('error', () => resolve_(0));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function waitUntil(controller, timeoutMs, what, check) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (controller.child.exitCode !== null || controller.child.signalCode !== null)
      throw new Error(
        `kyverno-controller exited (${controller.child.exitCode ?? controller.child.signalCode}):\n${controller.logs()}`,
      );
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`kyverno-controller: ${what} not reached within ${timeoutMs / 1000} s:\n${controller.logs()}`);
}

/**
 * Apply ClusterPolicies and wait until Kyverno reports each Ready (its webhook controller sets the condition once
 * the resource webhooks carry the policy's rules).
 */
export async function applyPolicies(cluster, controller, files, timeoutMs = 120_000) {
  const { stdout } = await cluster.kubectl(['apply', '-o', 'name', ...files.flatMap((f) => ['-f', f])]);
  const names = stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((n) => n.slice(n.indexOf('/') + 1));
  await waitUntil(controller, timeoutMs, `${names.length} ClusterPolicies Ready`, async () => {
    const { stdout: json } = await cluster.kubectl(['get', 'clusterpolicies', '-o', 'json']);
    const ready = new Set(
      JSON.parse(json)
        .items.filter((p) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
        .map((p) => p.metadata.name),
    );
    return names.every((n) => ready.has(n));
  });
  return names;
}

/** Pod admission requests Kyverno has answered, by webhook kind (its `kyverno_admission_requests_total` counter). */
export function kyvernoReviews(controller) {
  return new Promise((resolve_, reject) => {
    const req = request({ host: '127.0.0.1', port: controller.metricsPort, path: '/metrics' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const counts = {};
        for (const m of text.matchAll(/^kyverno_admission_requests_total\{([^}]*)\} (\d+(?:\.\d+)?)/gm)) {
          if (!/resource_kind="Pod"/.test(m[1])) continue;
          const webhook = /request_webhook="([^"]+)"/.exec(m[1])?.[1] ?? '';
          const key = webhook.startsWith('Mutating')
            ? 'mutate'
            : webhook.startsWith('Validating')
              ? 'validate'
              : webhook;
          counts[key] = (counts[key] ?? 0) + Number(m[2]);
        }
        resolve_(counts);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve_) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve_();
    });
    child.kill('SIGTERM');
  });
}
