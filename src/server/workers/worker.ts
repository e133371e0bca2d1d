// A worker of `tollgate serve --workers N`: it serves HTTPS reviews and nothing else. It asks the primary for the
// policies and compiles them, listens (on the primary's socket), relays what reports and generate need of each
// review, answers the primary's metrics requests, and on shutdown drains its in-flight reviews before it says so.
import cluster from 'node:cluster';
import type { PolicyView } from '../policy-store.js';
import type { RunningWebhook, WebhookOptions } from '../webhook-server.js';
import { isTollgateMessage, RELAY_RESULTS_ENV, type PrimaryMessage, type WorkerMessage } from './messages.js';
import { OutcomeRelay, relayedOutcome } from './outcome-relay.js';
import { PendingReplies } from './pending-replies.js';
import { PolicyReplica } from './policy-replica.js';

/** What the worker adds to the webhook it starts. */
export type WorkerHooks = Required<Pick<WebhookOptions, 'onOutcome' | 'metricsText' | 'workerId'>>;

/** How a worker runs. */
export interface WorkerOptions {
  /** Start this worker's webhook on the replica of the primary's policies. */
  readonly startWebhook: (policies: PolicyView, hooks: WorkerHooks) => Promise<RunningWebhook>;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
}

// How long /metrics waits for the primary's sum (which waits up to 2 s for each worker).
const METRICS_TIMEOUT_MS = 5000;

/** Run until the primary (or a signal) says to stop; resolves once drained. Throws when the webhook cannot start. */
export async function runWorker(opts: WorkerOptions): Promise<void> {
  const workerId = cluster.worker?.id ?? 0;
  const replica = new PolicyReplica();
  const sums = new PendingReplies<string>(METRICS_TIMEOUT_MS);
  const relay = new OutcomeRelay((outcomes) => send({ type: 'tollgate:outcomes', outcomes }));
  const reporting = process.env[RELAY_RESULTS_ENV] === '1';
  let hook: RunningWebhook | undefined;
  let stop!: () => void;
  const stopping = new Promise<void>((resolve) => (stop = resolve));
  let loaded!: () => void;
  const firstSet = new Promise<void>((resolve) => (loaded = resolve));
  // Why the first set did not compile: the worker cannot serve, and says so instead of waiting for a next set.
  let firstError: string | undefined;

  process.on('message', (m: unknown) => {
    if (!isTollgateMessage<PrimaryMessage>(m)) return;
    switch (m.type) {
      case 'tollgate:policies': {
        const error = replica.apply(m, new Date());
        if (error) opts.log(error, { worker: workerId });
        if (error && !replica.current) firstError = error;
        if (replica.current || firstError) loaded();
        return;
      }
      case 'tollgate:metrics-collect':
        // Always answer, even before the webhook runs: the primary's scrape waits for every worker.
        void (hook?.metrics.registry.getMetricsAsJSON() ?? Promise.resolve([])).then((metrics) =>
          send({ type: 'tollgate:metrics-part', id: m.id, metrics }),
        );
        return;
      case 'tollgate:metrics':
        return sums.receive(m.id, m.text);
      case 'tollgate:shutdown':
        return stop();
      default:
        m satisfies never;
    }
  });
  // Ctrl-C reaches the whole process group: the worker drains as it would when the primary asks.
  process.once('SIGTERM', () => stop());
  process.once('SIGINT', () => stop());
  await send({ type: 'tollgate:hello' });
  await Promise.race([firstSet, stopping]);
  if (!replica.current && firstError) {
    await send({ type: 'tollgate:start-failed', message: firstError });
    throw new Error(firstError);
  }
  if (replica.current) {
    try {
      hook = await opts.startWebhook(replica, {
        workerId,
        onOutcome: (webhook, outcome) => {
          const relayed = relayedOutcome(webhook, outcome, reporting);
          if (relayed) relay.add(relayed);
        },
        metricsText: async () => {
          const { id, replies } = sums.open(1);
          await send({ type: 'tollgate:metrics-request', id });
          const [text] = await replies;
          if (text === undefined) throw new Error('the primary did not answer with the metrics of every worker');
          return text;
        },
      });
    } catch (e) {
      await send({ type: 'tollgate:start-failed', message: (e as Error).message });
      throw e;
    }
  }
  await stopping;
  await hook?.close();
  await relay.flush();
}

// Resolves once the message is handed to the channel; a closed channel (the primary is gone) is no error here:
// the worker exits on its own when the primary disconnects.
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}
