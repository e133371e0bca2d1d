// The messages `tollgate serve --workers N` exchanges between its primary and its workers over the cluster IPC
// channel (JSON). Every type starts with `tollgate:` so that they never mix with Node's or prom-client's own.
import type { Registry } from 'prom-client';
import type { PolicySources } from '../policy-store.js';
import type { ReportedOutcome } from '../report-store.js';

/** A worker's metrics as prom-client's `getMetricsAsJSON()` gives them. */
export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/** The policies the primary holds: sources to compile (absent: the set is unchanged), and its latest reload error. */
export interface PoliciesMessage {
  readonly type: 'tollgate:policies';
  readonly sources?: PolicySources;
  readonly reloadError?: { readonly message: string; readonly at: string };
}

/** A review's outcome as a worker relays it: what reports and generate need, nothing else. */
export interface RelayedOutcome {
  readonly webhook: 'validate' | 'mutate';
  readonly outcome: ReportedOutcome;
}

/** From the primary to a worker. */
export type PrimaryMessage =
  | PoliciesMessage
  /** Send your metrics for request `id` (a metrics-part). */
  | { readonly type: 'tollgate:metrics-collect'; readonly id: number }
  /** The answer to the worker's metrics-request `id`: the sum over every worker and the primary. */
  | { readonly type: 'tollgate:metrics'; readonly id: number; readonly text: string }
  /** Stop accepting, drain in-flight reviews, relay what is pending, exit. */
  | { readonly type: 'tollgate:shutdown' };

/** From a worker to the primary. */
export type WorkerMessage =
  /** The worker listens for messages: send it the policies. */
  | { readonly type: 'tollgate:hello' }
  /** The worker could not start (its webhook did not listen); it exits next. */
  | { readonly type: 'tollgate:start-failed'; readonly message: string }
  | { readonly type: 'tollgate:outcomes'; readonly outcomes: readonly RelayedOutcome[] }
  /** /metrics was asked of this worker: gather every worker's metrics. */
  | { readonly type: 'tollgate:metrics-request'; readonly id: number }
  | { readonly type: 'tollgate:metrics-part'; readonly id: number; readonly metrics: MetricsJson };

/** The environment variable that tells a worker to send its review results (reports are written). */
export const RELAY_RESULTS_ENV = 'TOLLGATE_WORKER_RELAY_RESULTS';

/** Whether an IPC message is one of Tollgate's (and not Node's cluster or prom-client's). */
export function isTollgateMessage<T extends { type: string }>(message: unknown): message is T {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('tollgate:');
}
