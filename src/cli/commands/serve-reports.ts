// Where `tollgate serve` keeps its PolicyReports: admission results and background scans go into one ReportStore,
// which is written every interval to a directory and/or the cluster. The background scan runs on one replica only,
// the holder of a Lease.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterReader, JsonObject, RuleResult } from '../../engine/index.js';
import { resourceKey, type ReportedPolicy } from '../../report/policy-report.js';
import { ClusterReportWriter } from '../../cluster/report-writer.js';
import { candidateIdentity, LeaderLease } from '../../cluster/leader-lease.js';
import { kubeRequest } from '../../cluster/kube-request.js';
import { isReported, ReportStore, type ReportedOutcome } from '../../server/report-store.js';
import type { PolicyStore } from '../../server/policy-store.js';
import { BackgroundScanner, kubeResourceSource, type ScannedResource } from '../../server/background-scanner.js';

/** What the report pipeline needs from `tollgate serve`. */
export interface ReportPipelineOptions {
  readonly store: PolicyStore;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
  /** Write report files here (one multi-document YAML file per namespace). */
  readonly reportsDir?: string;
  /** Seconds between writes. */
  readonly intervalSeconds: number;
  /** The cluster: reports are written there, and the Lease holder scans existing resources. */
  readonly cluster?: {
    readonly kc: KubeConfig;
    readonly reader: ClusterReader;
    /** A Namespace from the cluster cache (namespaceSelector labels). */
    readonly namespace: (name: string) => JsonObject | undefined;
    readonly writeReports: boolean;
    /** Seconds between background scans; 0 turns the scan off. */
    readonly scanIntervalSeconds: number;
    /** Delay before the first scan once this replica leads (default 10 s). */
    readonly scanInitialDelayMs?: number;
  };
  readonly resourceFilters?: readonly string[];
}

/** A running pipeline. */
export interface ReportPipeline {
  /** Record the outcome of one review (only admitted, non-dryRun validations are reported). */
  record(webhook: 'validate' | 'mutate', outcome: ReportedOutcome): void;
  /** Stop timers and the scan, then write what is pending once more. */
  stop(): Promise<void>;
}

/** Start writing reports; undefined when neither a directory nor the cluster is a destination. */
export function startReportPipeline(opts: ReportPipelineOptions): ReportPipeline | undefined {
  const writer = opts.cluster?.writeReports
    ? new ClusterReportWriter(opts.cluster.kc, { log: (m) => opts.log(m) })
    : undefined;
  const scanning = opts.cluster && opts.cluster.scanIntervalSeconds > 0;
  if (!opts.reportsDir && !writer && !scanning) return undefined;
  const reports = new ReportStore();
  const policies = () =>
    new Map<string, ReportedPolicy>((opts.store.current?.policySet.policies ?? []).map((p) => [p.key, p]));
  let written = -1;
  let retry = false;
  let writing: Promise<void> = Promise.resolve();
  const flush = () =>
    (writing = writing.then(async () => {
      const now = new Date();
      try {
        if (opts.reportsDir) reports.flush(opts.reportsDir, policies(), now);
      } catch (e) {
        opts.log(`reports not written: ${(e as Error).message}`);
      }
      if (!writer || (reports.generation === written && !retry)) return;
      written = reports.generation;
      const stats = await writer.write(reports.reports(policies(), now));
      retry = stats.failed > 0;
      if (stats.created + stats.updated + stats.deleted + stats.failed > 0)
        opts.log('policy reports written', { ...stats });
    }));
  const timer = setInterval(() => void flush(), opts.intervalSeconds * 1000);
  const background = scanning ? startBackgroundScan(opts, reports) : undefined;
  return {
    record(webhook, outcome) {
      if (isReported(webhook, outcome)) reports.record(outcome.results, outcome.resourceUid);
    },
    async stop() {
      clearInterval(timer);
      background?.stop();
      await flush();
    },
  };
}

// The scan runs only while this replica holds the Lease; its results replace earlier ones per resource, and
// resources that disappeared since the previous scan are dropped from the reports.
function startBackgroundScan(opts: ReportPipelineOptions, reports: ReportStore): { stop(): void } {
  const cluster = opts.cluster!;
  let previous = new Map<string, ScannedResource>();
  const scanner = new BackgroundScanner({
    snapshot: () => opts.store.current,
    source: kubeResourceSource(cluster.kc, (m) => opts.log(m)),
    scan: {
      services: { clock: { now: () => new Date() }, cluster: cluster.reader, namespaces: cluster.namespace },
      resourceFilters: opts.resourceFilters,
    },
    intervalMs: cluster.scanIntervalSeconds * 1000,
    initialDelayMs: cluster.scanInitialDelayMs,
    log: (m) => opts.log(m),
    onScan: (results, scanned) => {
      const current = new Map(scanned.map((r) => [resourceKey(r), r]));
      for (const [key, r] of previous) if (!current.has(key)) reports.forget(r);
      for (const [key, group] of groupByResource(results))
        reports.record(group, current.get(key)?.uid, 'background scan');
      previous = current;
    },
  });
  const lease = new LeaderLease((method, path, body) => kubeRequest(cluster.kc, method, path, body), {
    namespace: process.env.POD_NAMESPACE ?? 'tollgate-system',
    name: 'tollgate-background-scan',
    identity: candidateIdentity(),
    log: (m) => opts.log(m),
    onChange: (leading) => (leading ? scanner.start() : scanner.stop()),
  });
  lease.start();
  return {
    stop() {
      lease.stop();
      scanner.stop();
    },
  };
}

function groupByResource(results: readonly RuleResult[]): Map<string, RuleResult[]> {
  const groups = new Map<string, RuleResult[]>();
  for (const r of results) {
    const key = resourceKey(r.resource);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}
