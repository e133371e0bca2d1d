// /metrics of `serve --workers`: whichever worker is asked, the answer is the sum over every worker and the primary.
// The worker asks the primary; the primary asks each worker for its registry as JSON and adds them up with
// prom-client's AggregatorRegistry.aggregate (counters and histograms summed, gauges by their `aggregator`).
import { AggregatorRegistry, Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsJson, PrimaryMessage } from './messages.js';
import { PendingReplies } from './pending-replies.js';

/** A worker as the primary reaches it. */
export interface MetricsPeer {
  send(message: PrimaryMessage): void;
}

/** The primary's own metrics, and the gathering of the workers'. */
export class ClusterMetrics {
  /** The primary's process metrics (its CPU and memory add to the workers') and the pool's own. */
  readonly registry = new Registry();
  readonly workers = new Gauge({
    name: 'tollgate_workers',
    help: 'Workers serving reviews (serve --workers)',
    registers: [this.registry],
  });
  readonly restarts = new Counter({
    name: 'tollgate_worker_restarts_total',
    help: 'Workers restarted after they died unexpectedly',
    registers: [this.registry],
  });
  readonly #parts: PendingReplies<MetricsJson>;

  /** `timeoutMs`: how long a scrape waits for a worker (one that died is left out of that answer). */
  constructor(timeoutMs = 2000, processMetrics = true) {
    this.#parts = new PendingReplies(timeoutMs);
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'tollgate_' });
  }

  /** The Prometheus text of the sum over `peers`' metrics and the primary's. */
  async gather(peers: readonly MetricsPeer[]): Promise<string> {
    const { id, replies } = this.#parts.open(peers.length);
    for (const peer of peers) peer.send({ type: 'tollgate:metrics-collect', id });
    const parts = await replies;
    return AggregatorRegistry.aggregate([await this.registry.getMetricsAsJSON(), ...parts]).metrics();
  }

  /** A worker's answer to gather's request `id`. */
  receive(id: number, metrics: MetricsJson): void {
    this.#parts.receive(id, metrics);
  }
}
