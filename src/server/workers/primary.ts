// The primary of `tollgate serve --workers N` (node:cluster). It forks N workers that serve HTTPS reviews; their
// listening socket is the primary's, which accepts connections and hands them out round-robin (cluster's default
// scheduling on Linux). The primary sends each worker the policies, receives their outcomes for the one report
// writer, answers their /metrics requests with the sum, restarts a worker that dies (with backoff), and drains
// them all on shutdown.
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import type { PolicyView } from '../policy-store.js';
import type { ReportedOutcome } from '../report-store.js';
import { ClusterMetrics } from './cluster-metrics.js';
import { isTollgateMessage, RELAY_RESULTS_ENV, type PrimaryMessage, type WorkerMessage } from './messages.js';
import { policiesMessage } from './policy-replica.js';
import { RESTART_WINDOW_MS, restartDelayMs } from './restart-backoff.js';

/** How the pool runs. */
export interface WorkerPoolOptions {
  readonly workers: number;
  /** Where the workers listen (checked here first, so a taken port fails as it does without workers). */
  readonly port: number;
  readonly host: string;
  /** The primary's policies: sent whole to a new worker, and to every worker when they change. */
  readonly policies: PolicyView;
  /** Whether workers send the results of their reviews (a report writer is running). */
  readonly reporting: boolean;
  /** The outcome of a review a worker answered, for reports and generate. */
  readonly onOutcome: (webhook: 'validate' | 'mutate', outcome: ReportedOutcome) => void;
  readonly log: (message: string, fields?: Record<string, unknown>) => void;
  /** How long shutdown waits for a worker to drain before it is killed. */
  readonly drainTimeoutMs: number;
}

/** Running workers. */
export interface WorkerPool {
  /** The port the workers listen on (the one chosen by the system for port 0). */
  readonly port: number;
  /** Send every worker the primary's policies: the new set's sources, or only the reload error. */
  policiesChanged(withSources: boolean): void;
  /** Stop every worker (each drains its in-flight reviews and sends what is pending); resolves once all exited. */
  close(): Promise<void>;
}

/** Fork the workers; resolves once all listen, rejects with the first one's reason if one cannot start. */
export async function startWorkerPool(opts: WorkerPoolOptions): Promise<WorkerPool> {
  // Without the probe a taken port would be found by the first worker, as `bind EADDRINUSE`, after forking them all.
  if (opts.port !== 0) await probeListen(opts.port, opts.host);
  const pool = new Pool(opts);
  await pool.start();
  return pool;
}

class Pool implements WorkerPool {
  readonly #metrics = new ClusterMetrics();
  readonly #deaths: number[] = [];
  readonly #restarts = new Set<NodeJS.Timeout>();
  /** Why a worker could not start, from its start-failed message, for the log line of its exit. */
  readonly #startErrors = new Map<number, string>();
  #stopping = false;
  #port = 0;

  constructor(private readonly opts: WorkerPoolOptions) {}

  get port(): number {
    return this.#port;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let listening = 0;
      const onListening = (_w: Worker, address: { port: number }) => {
        this.#port = address.port;
        if (++listening < this.opts.workers) return;
        // From here a worker that listens is a restarted one; the start is over.
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        cluster.on('exit', (w, code, signal) => this.#exited(w, code, signal));
        resolve();
      };
      // A worker that exits before all listen ends the start: the same failure would repeat in every worker.
      const onEarlyExit = (w: Worker, code: number | null) => {
        cluster.off('listening', onListening);
        cluster.off('exit', onEarlyExit);
        const reason = this.#startErrors.get(w.id) ?? `worker ${w.id} exited with code ${code}`;
        void this.close().then(() => reject(new Error(reason)));
      };
      cluster.on('listening', onListening);
      cluster.on('exit', onEarlyExit);
      for (let i = 0; i < this.opts.workers; i++) this.#fork();
    });
  }

  policiesChanged(withSources: boolean): void {
    const message = policiesMessage(this.opts.policies, withSources);
    for (const w of this.#live()) this.#send(w, message);
  }

  async close(): Promise<void> {
    this.#stopping = true;
    for (const t of this.#restarts) clearTimeout(t);
    this.#restarts.clear();
    await Promise.all(Object.values(cluster.workers ?? {}).map((w) => w && this.#drain(w)));
  }

  #fork(): void {
    const worker = cluster.fork({ [RELAY_RESULTS_ENV]: this.opts.reporting ? '1' : '' });
    worker.on('message', (m: unknown) => {
      if (isTollgateMessage<WorkerMessage>(m)) this.#handle(worker, m);
    });
    // A send to a worker killed a moment ago fails with EPIPE; its exit is handled (and it restarted) on its own.
    worker.on('error', (e: Error) => this.opts.log('worker channel error', { worker: worker.id, error: e.message }));
    this.#metrics.workers.set(this.#live().length);
  }

  #handle(worker: Worker, message: WorkerMessage): void {
    switch (message.type) {
      case 'tollgate:hello':
        // A worker hears nothing before it says hello: a shutdown sent while it was starting is sent again.
        return this.#send(worker, this.#stopping ? { type: 'tollgate:shutdown' } : policiesMessage(this.opts.policies));
      case 'tollgate:start-failed':
        this.#startErrors.set(worker.id, message.message);
        return;
      case 'tollgate:outcomes':
        // As in a single process, where the webhook logs what its outcome hook throws: one line, no crash.
        for (const { webhook, outcome } of message.outcomes)
          try {
            this.opts.onOutcome(webhook, outcome);
          } catch (e) {
            this.opts.log('unexpected error', { error: (e as Error).message });
          }
        return;
      case 'tollgate:metrics-request':
        void this.#metrics.gather(this.#live()).then(
          (text) => this.#send(worker, { type: 'tollgate:metrics', id: message.id, text }),
          (e: Error) => this.opts.log('metrics not gathered', { error: e.message }),
        );
        return;
      case 'tollgate:metrics-part':
        return this.#metrics.receive(message.id, message.metrics);
      default:
        message satisfies never;
    }
  }

  // A worker that died while serving: log it, and start another after a delay that grows while they keep dying.
  #exited(worker: Worker, code: number | null, signal: string | null): void {
    this.#metrics.workers.set(this.#live().length);
    if (this.#stopping) return;
    const now = Date.now();
    this.#deaths.push(now);
    while (this.#deaths.length > 0 && now - this.#deaths[0] >= RESTART_WINDOW_MS) this.#deaths.shift();
    const delayMs = restartDelayMs(this.#deaths, now);
    const reason = this.#startErrors.get(worker.id);
    this.#startErrors.delete(worker.id);
    this.opts.log('worker exited unexpectedly; restarting it', {
      worker: worker.id,
      pid: worker.process.pid,
      code,
      signal,
      ...(reason ? { error: reason } : {}),
      restartInMs: delayMs,
    });
    const timer = setTimeout(() => {
      this.#restarts.delete(timer);
      this.#metrics.restarts.inc();
      this.#fork();
    }, delayMs);
    this.#restarts.add(timer);
  }

  // Resolves once the worker has exited and its channel is closed, so every outcome it sent has been handled.
  #drain(worker: Worker): Promise<void> {
    const exited = worker.isDead()
      ? Promise.resolve()
      : new Promise<void>((resolve) => worker.process.once('exit', () => resolve()));
    const disconnected = worker.isConnected()
      ? new Promise<void>((resolve) => worker.once('disconnect', () => resolve()))
      : Promise.resolve();
    const timer = setTimeout(() => {
      this.opts.log('worker did not drain in time; killing it', { worker: worker.id, pid: worker.process.pid });
      worker.process.kill('SIGKILL');
    }, this.opts.drainTimeoutMs);
    this.#send(worker, { type: 'tollgate:shutdown' });
    return Promise.all([exited, disconnected]).then(() => clearTimeout(timer));
  }

  #live(): Worker[] {
    return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
  }

  #send(worker: Worker, message: PrimaryMessage): void {
    // A worker that just died cannot be sent anything; its exit is handled on its own.
    if (worker.isConnected()) worker.send(message);
  }
}

// Listen on the port and close at once: throws Node's own `listen EADDRINUSE …` (or EACCES) when it cannot be had.
function probeListen(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
