// `tollgate serve`: run the admission webhook until SIGTERM/SIGINT, then drain in-flight reviews.
import nodeCluster from 'node:cluster';
import { PolicyStore } from '../../server/policy-store.js';
import { startWebhook, type WebhookOptions } from '../../server/webhook-server.js';
import { startReportPipeline, type ReportPipeline } from './serve-reports.js';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '../../cluster/kube-cluster.js';
import { GeneratedResourceWriter } from '../../cluster/generated-writer.js';
import type { ClusterReader, JsonObject } from '../../engine/index.js';
import { watchPolicies } from '../../cluster/policy-watch.js';
import { PolicyStatusWriter, readyUpdates } from '../../cluster/policy-status.js';
import { candidateIdentity, LeaderLease } from '../../cluster/leader-lease.js';
import { kubeRequest } from '../../cluster/kube-request.js';
import { GenerateSyncer } from '../../server/generate-syncer.js';
import { kubeResourceSource } from '../../server/background-scanner.js';
import { UserError } from '../errors.js';
import type { ExcludedRequesters } from '../../server/admission/index.js';
import type { ReportedOutcome } from '../../server/report-store.js';
import { startWorkerPool, type WorkerPool } from '../../server/workers/primary.js';
import { runWorker } from '../../server/workers/worker.js';
import { containerWorkerCount } from '../../server/workers/container-cpus.js';

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
  /** Processes serving reviews (node:cluster); 1 serves in this process. Default: the container's CPU limit. */
  readonly workers?: number;
}

const log = (message: string, fields: Record<string, unknown> = {}) =>
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), msg: message, ...fields }) + '\n');

/** Start serving; resolves when the server has shut down. */
export async function serveCommand(opts: ServeOptions): Promise<void> {
  // A worker of `--workers N` runs the primary's command line again; it serves reviews and nothing else.
  if (nodeCluster.isWorker) return serveWorker(opts);
  if (opts.policies.length === 0 && !opts.fromCluster)
    throw new UserError('give the policies to enforce with --policies DIR (or TOLLGATE_POLICIES), or --from-cluster');
  const evaluationTimeout = evaluationBudget(opts);
  const workers = opts.workers ?? containerWorkerCount();
  let pool: WorkerPool | undefined;
  const store = new PolicyStore(
    opts.policies,
    (m) => {
      log(m);
      pool?.policiesChanged(false);
    },
    (s) => {
      for (const note of s.notes) log(note);
      for (const r of s.refused) log('cluster policy not loaded', { policy: r.source, error: r.message });
      const { policies, exceptionCount } = s.policySet;
      log('policies loaded', { policies: policies.length, exceptions: exceptionCount });
      pool?.policiesChanged(true);
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
  const onOutcome = outcomeHandler(reports, generatedResourceSink(cluster?.kc, syncer?.syncer));
  let hook: { readonly port: number; close(): Promise<void> };
  try {
    hook =
      workers > 1
        ? (pool = await startWorkerPool({
            workers,
            port: opts.port,
            host: opts.host ?? '0.0.0.0',
            policies: store,
            reporting: reports !== undefined,
            onOutcome,
            log,
            // A review ends within the webhook timeout; past it (and a margin) a worker is stuck, not draining.
            drainTimeoutMs: ((opts.webhookTimeout ?? 10) + 5) * 1000,
          }))
        : await startWebhook(store, { ...webhookOptions(opts, evaluationTimeout, cluster), onOutcome });
  } catch (e) {
    store.close();
    syncer?.stop();
    cluster?.stop();
    await reports?.stop();
    throw new UserError(`cannot start the webhook: ${(e as Error).message}`);
  }
  log('tollgate webhook listening', { port: hook.port, ...(workers > 1 ? { workers } : {}) });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log('shutting down, draining in-flight reviews', { signal });
      store.close();
      syncer?.stop();
      cluster?.stop();
      // Workers drain and send their last outcomes before they exit; then the reports are written once.
      void hook
        .close()
        .then(() => reports?.stop())
        .then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** A worker of `serve --workers N`: its own cluster cache for evaluation; policies, reports and the rest stay with the primary. */
async function serveWorker(opts: ServeOptions): Promise<void> {
  const evaluationTimeout = evaluationBudget(opts);
  let cluster: Awaited<ReturnType<typeof startClusterCache>> | undefined;
  try {
    await runWorker({
      log,
      // The cache starts as part of the webhook: a cache that cannot start is a start failure the primary reports.
      startWebhook: async (policies, hooks) => {
        cluster = opts.fromCluster ? await startClusterCache(defaultKubeConfig()) : undefined;
        return startWebhook(policies, { ...webhookOptions(opts, evaluationTimeout, cluster), ...hooks });
      },
    });
  } catch {
    // The primary says why (the worker sent it the reason) and exits 2; one error line, not one per worker.
    process.exit(2);
  } finally {
    cluster?.stop();
  }
  // The IPC channel keeps a worker alive: leave it, so the worker ends once its work is done.
  nodeCluster.worker?.disconnect();
}

// What the webhook of the single process and of each worker is given.
function webhookOptions(
  opts: ServeOptions,
  evaluationTimeoutMs: number,
  cluster: { reader: ClusterReader; namespace: (name: string) => JsonObject | undefined } | undefined,
): WebhookOptions {
  return {
    certFile: opts.cert,
    keyFile: opts.key,
    port: opts.port,
    host: opts.host,
    maxBodyBytes: opts.maxBodyBytes,
    evaluationTimeoutMs,
    resourceFilters: opts.resourceFilters,
    excludedRequesters: opts.excludedRequesters,
    clock: { now: () => new Date() },
    log,
    cluster: cluster?.reader,
    namespaces: cluster?.namespace,
  };
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
): (webhook: 'validate' | 'mutate', outcome: ReportedOutcome) => void {
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

/** The cluster cache admission reads (namespaces, ConfigMaps), listed and watched. */
export async function startClusterCache(kc: KubeConfig) {
  const reader = new KubeCluster(kc, { kinds: CLUSTER_KINDS, log: (m) => log(m) });
  try {
    await reader.start();
  } catch (e) {
    reader.stop();
    throw new UserError(`--from-cluster: cannot read from the API server: ${(e as Error).message}`);
  }
  return {
    reader,
    namespace: (name: string) => reader.getResource('v1', 'Namespace', '', name),
    stop: () => reader.stop(),
  };
}

/** List+watch what admission needs from the cluster; policies flow into the store as they change. */
export async function connectCluster(store: PolicyStore, kc: KubeConfig) {
  const cache = await startClusterCache(kc);
  try {
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
      ...cache,
      kc,
      stop: () => {
        policies.stop();
        cache.stop();
      },
    };
  } catch (e) {
    cache.stop();
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
