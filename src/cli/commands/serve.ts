// `tollgate serve`: run the admission webhook until SIGTERM/SIGINT, then drain in-flight reviews.
import { PolicyStore } from '../../server/policy-store.js';
import { startWebhook } from '../../server/webhook-server.js';
import { startReportPipeline, type ReportPipeline } from './serve-reports.js';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '../../cluster/kube-cluster.js';
import { GeneratedResourceWriter } from '../../cluster/generated-writer.js';
import type { JsonObject } from '../../engine/index.js';
import { watchPolicies } from '../../cluster/policy-watch.js';
import { PolicyStatusWriter, readyUpdates } from '../../cluster/policy-status.js';
import { candidateIdentity, LeaderLease } from '../../cluster/leader-lease.js';
import { kubeRequest } from '../../cluster/kube-request.js';
import { GenerateSyncer } from '../../server/generate-syncer.js';
import { kubeResourceSource } from '../../server/background-scanner.js';
import { UserError } from '../errors.js';
import type { AdmissionOutcome, ExcludedRequesters } from '../../server/admission/index.js';

/** Options of `tollgate serve` (each also readable from a TOLLGATE_* environment variable). */
export interface ServeOptions {
  readonly policies: readonly string[];
  readonly cert: string;
  readonly key: string;
  readonly port: number;
  readonly host?: string;
  readonly maxBodyBytes?: number;
  readonly watch?: boolean;
  /** Write PolicyReports of admitted requests here (offline reports). */
  readonly reportsDir?: string;
  /** Seconds between report writes. */
  readonly reportInterval?: number;
  /** With --from-cluster: write PolicyReports to the cluster (default true). */
  readonly clusterReports?: boolean;
  /** With --from-cluster: seconds between background scans of existing resources (0: off; default 3600). */
  readonly backgroundScanInterval?: number;
  /** Read policies, exceptions, namespaces and ConfigMaps from the cluster (kubeconfig or in-cluster account). */
  readonly fromCluster?: boolean;
  /** timeoutSeconds of the webhook configurations that call this server (default 10, as Kubernetes). */
  readonly webhookTimeout?: number;
  /** With --from-cluster: seconds between generate synchronisation rounds (default 10). */
  readonly generateSyncInterval?: number;
  /** Evaluation budget per review, in milliseconds (default: 80% of the webhook timeout). */
  readonly evaluationTimeout?: number;
  /** Kyverno-style `[Kind,Namespace,Name]` filters; undefined keeps Kyverno's defaults. */
  readonly resourceFilters?: readonly string[];
  readonly excludedRequesters?: ExcludedRequesters;
}

const log = (message: string, fields: Record<string, unknown> = {}) =>
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), msg: message, ...fields }) + '\n');

/** Start serving; resolves when the server has shut down. */
export async function serveCommand(opts: ServeOptions): Promise<void> {
  if (opts.policies.length === 0 && !opts.fromCluster)
    throw new UserError('give the policies to enforce with --policies DIR (or TOLLGATE_POLICIES), or --from-cluster');
  const evaluationTimeout = evaluationBudget(opts);
  const store = new PolicyStore(
    opts.policies,
    (m) => log(m),
    (s) => {
      for (const note of s.notes) log(note);
      for (const r of s.refused) log('cluster policy not loaded', { policy: r.source, error: r.message });
      const { policies, exceptionCount } = s.policySet;
      log('policies loaded', { policies: policies.length, exceptions: exceptionCount });
    },
  );
  const cluster = opts.fromCluster ? await connectCluster(store, defaultKubeConfig()) : undefined;
  // With --from-cluster the first set was loaded with the cluster's policies; without, load the files now.
  if (!(cluster ? store.current : store.reload())) {
    cluster?.stop();
    throw new UserError('no valid policy set to start with; fix the files above');
  }
  if (opts.watch !== false) store.watch();
  const reports = startReportPipeline({
    store,
    log,
    reportsDir: opts.reportsDir,
    intervalSeconds: opts.reportInterval ?? 10,
    resourceFilters: opts.resourceFilters,
    cluster: cluster && {
      ...cluster,
      writeReports: opts.clusterReports !== false,
      scanIntervalSeconds: opts.backgroundScanInterval ?? 3600,
    },
  });
  const syncer = cluster ? startGenerateSync(cluster.kc, store, opts.generateSyncInterval ?? 10) : undefined;
  const generate = generatedResourceSink(cluster?.kc, syncer?.syncer);
  let hook;
  try {
    hook = await startWebhook(store, {
      certFile: opts.cert,
      keyFile: opts.key,
      port: opts.port,
      host: opts.host,
      maxBodyBytes: opts.maxBodyBytes,
      evaluationTimeoutMs: evaluationTimeout,
      resourceFilters: opts.resourceFilters,
      excludedRequesters: opts.excludedRequesters,
      clock: { now: () => new Date() },
      log,
      cluster: cluster?.reader,
      namespaces: cluster?.namespace,
      onOutcome: outcomeHandler(reports, generate),
    });
  } catch (e) {
    store.close();
    syncer?.stop();
    cluster?.stop();
    await reports?.stop();
    throw new UserError(`cannot start the webhook: ${(e as Error).message}`);
  }
  log('tollgate webhook listening', { port: hook.port });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log('shutting down, draining in-flight reviews', { signal });
      store.close();
      syncer?.stop();
      cluster?.stop();
      void hook
        .close()
        .then(() => reports?.stop())
        .then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/**
 * The evaluation budget per review: below the webhook timeout, so that Tollgate answers (and names the policies it
 * did not reach) before the API server gives up and applies the failurePolicy to the whole request.
 */
export function evaluationBudget(opts: Pick<ServeOptions, 'webhookTimeout' | 'evaluationTimeout'>): number {
  const webhookMs = (opts.webhookTimeout ?? 10) * 1000;
  if (opts.evaluationTimeout === undefined) return Math.floor(webhookMs * 0.8);
  if (opts.evaluationTimeout >= webhookMs)
    throw new UserError(
      `--evaluation-timeout ${opts.evaluationTimeout} ms must stay below --webhook-timeout ${webhookMs / 1000} s, or the API server gives up first`,
    );
  return opts.evaluationTimeout;
}

/** What happens after each review: its results are reported and what it generated is created. */
export function outcomeHandler(
  reports: ReportPipeline | undefined,
  generate: (resources: JsonObject[]) => void,
): (webhook: 'validate' | 'mutate', outcome: AdmissionOutcome) => void {
  return (webhook, outcome) => {
    reports?.record(webhook, outcome);
    if (outcome.generated.length > 0) generate(outcome.generated.map((g) => g.resource));
  };
}

/** Where generated resources go: applied to the cluster after the admission response (as Kyverno's background controller does), or a log line offline. */
export function generatedResourceSink(
  kc: KubeConfig | undefined,
  syncer?: GenerateSyncer,
): (resources: JsonObject[]) => void {
  if (!kc)
    return (resources) => log(`generate: ${resources.length} resources not created: serve runs without --from-cluster`);
  const writer = new GeneratedResourceWriter(kc, (m) => log(m));
  return (resources) => {
    syncer?.remember(resources);
    void writer.apply(resources).then((stats) => {
      if (stats.applied > 0) log('generated resources applied', { ...stats });
    });
  };
}

/** Kyverno's background controller for generate rules, on the replica holding the Lease `tollgate-generate-sync`. */
function startGenerateSync(kc: KubeConfig, store: PolicyStore, intervalSeconds: number) {
  const writer = new GeneratedResourceWriter(kc, (m) => log(m));
  const syncer = new GenerateSyncer({
    snapshot: () => store.current,
    source: kubeResourceSource(kc, (m) => log(m)),
    apply: async (objects) => void (await writer.apply(objects)),
    remove: async (objects) => void (await writer.remove(objects)),
    clock: { now: () => new Date() },
    intervalMs: intervalSeconds * 1000,
    log: (m) => log(m),
  });
  const lease = new LeaderLease((method, path, body) => kubeRequest(kc, method, path, body), {
    namespace: process.env.POD_NAMESPACE ?? 'tollgate-system',
    name: 'tollgate-generate-sync',
    identity: candidateIdentity(),
    log: (m) => log(m),
    onChange: (leading) => (leading ? syncer.start() : syncer.stop()),
  });
  lease.start();
  return {
    syncer,
    stop() {
      lease.stop();
      syncer.stop();
    },
  };
}

function defaultKubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromDefault();
  } catch (e) {
    throw new UserError(`--from-cluster: no kubeconfig or in-cluster service account: ${(e as Error).message}`);
  }
  return kc;
}

/** List+watch what admission needs from the cluster; policies flow into the store as they change. */
export async function connectCluster(store: PolicyStore, kc: KubeConfig) {
  const reader = new KubeCluster(kc, { kinds: CLUSTER_KINDS, log: (m) => log(m) });
  try {
    await reader.start();
    const status = new PolicyStatusWriter(kc, (m) => log(m));
    let seen: string | undefined;
    const policies = await watchPolicies(
      kc,
      (docs) => {
        // Writing a policy's status is a watch event too; only changed specs (generations) need a reload.
        const fingerprint = specFingerprint(docs);
        if (fingerprint === seen) return;
        seen = fingerprint;
        if (store.applyObjects(docs) && store.current) void status.write(readyUpdates(docs, store.current, new Date()));
      },
      { log: (m) => log(m) },
    );
    return {
      kc,
      reader,
      namespace: (name: string) => reader.getResource('v1', 'Namespace', '', name),
      stop: () => {
        policies.stop();
        reader.stop();
      },
    };
  } catch (e) {
    reader.stop();
    throw new UserError(`--from-cluster: cannot read from the API server: ${(e as Error).message}`);
  }
}

// What a policy's evaluation depends on: its spec (generation) and its labels and annotations (autogen controllers,
// exception expiry), which change without a new generation. Status and resourceVersion are left out.
function specFingerprint(docs: readonly JsonObject[]): string {
  return docs
    .map((d) => {
      const md = (d.metadata ?? {}) as {
        uid?: string;
        generation?: number;
        resourceVersion?: string;
        labels?: unknown;
        annotations?: unknown;
      };
      const meta = JSON.stringify([md.labels ?? {}, md.annotations ?? {}]);
      return `${md.uid ?? ''}:${md.generation ?? md.resourceVersion ?? ''}:${meta}`;
    })
    .sort()
    .join(',');
}

const CLUSTER_KINDS = [
  { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
];
