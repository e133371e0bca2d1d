// The HTTPS admission webhook: sockets, TLS (reloaded when the files change), limits, metrics, shutdown.
// All admission decisions come from the pure core in ./admission.
import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  clusterResourceService,
  type Clock,
  type ClusterReader,
  type EvaluationServices,
  type JsonObject,
  type PolicySet,
} from '../engine/index.js';
import type { FailurePolicyOf } from '../report/would-block.js';
import {
  admitMutate,
  admitPolicy,
  admitValidate,
  DEFAULT_RESOURCE_FILTERS,
  type AdmissionOutcome,
  type EvaluationDeadline,
  type ExcludedRequesters,
} from './admission/index.js';
import { WebhookMetrics } from './metrics.js';
import type { PolicyView } from './policy-store.js';

/** How the webhook runs. */
export interface WebhookOptions {
  readonly certFile: string;
  readonly keyFile: string;
  readonly port: number;
  readonly host?: string;
  /** Largest accepted request body, in bytes (default 3 MiB, the API server's own limit). */
  readonly maxBodyBytes?: number;
  readonly resourceFilters?: readonly string[];
  /** Requesters admitted without evaluation (default: the `system:nodes` group, as Kyverno). */
  readonly excludedRequesters?: ExcludedRequesters;
  /** Evaluation budget per review in milliseconds (default 8000, 80% of Kubernetes' default webhook timeout); see admitValidate for what happens after it. */
  readonly evaluationTimeoutMs?: number;
  readonly clock: Clock;
  /** Cluster state for configMap/apiCall lookups and generate (absent offline). */
  readonly cluster?: ClusterReader;
  /** A Namespace from the cluster cache: namespaceSelector labels and CEL's `namespaceObject`. */
  readonly namespaces?: (name: string) => JsonObject | undefined;
  /** Called with each review's outcome (PolicyReports, logs). */
  readonly onOutcome?: (webhook: 'validate' | 'mutate', outcome: AdmissionOutcome) => void;
  /** The text /metrics answers (`serve --workers`: the sum over every worker); default: this webhook's metrics. */
  readonly metricsText?: () => Promise<string>;
  /** `serve --workers`: this worker's number, sent back in the `tollgate-worker` header of every answer. */
  readonly workerId?: number;
  readonly log?: (message: string) => void;
}

/** A running webhook. */
export interface RunningWebhook {
  readonly server: Server;
  readonly metrics: WebhookMetrics;
  /** The bound port (useful with port 0). */
  readonly port: number;
  /** Stop accepting connections and wait for in-flight reviews. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 3 * 1024 * 1024;
// 80% of the webhook timeout Kubernetes defaults to (10 s), as `tollgate serve` derives it.
const DEFAULT_EVALUATION_TIMEOUT_MS = 8000;

/** Start the webhook; resolves once it listens. */
export async function startWebhook(store: PolicyView, opts: WebhookOptions): Promise<RunningWebhook> {
  const metrics = new WebhookMetrics(store);
  // One services object for the webhook's lifetime: CEL library handles are built once per object.
  const services: EvaluationServices = {
    clock: opts.clock,
    cluster: opts.cluster,
    namespaces: opts.namespaces,
    // `resource.Get/List` of the CEL kinds read the cluster cache.
    cel: opts.cluster ? { resources: clusterResourceService(opts.cluster) } : {},
  };
  const tls = () => ({ cert: readFileSync(opts.certFile), key: readFileSync(opts.keyFile) });
  const worker = opts.workerId === undefined ? undefined : String(opts.workerId);
  const endpoints: Endpoints = { store, opts, metrics, services };
  const server = createServer({ ...tls(), minVersion: 'TLSv1.2' }, (req, res) => {
    if (worker) res.setHeader('tollgate-worker', worker);
    try {
      handle(req, res, endpoints);
    } catch (e) {
      internalError(res, opts, e);
    }
  });
  server.keepAliveTimeout = 65_000;
  // Certificates are rotated by replacing the files; pick them up without a restart.
  const reloadTls = () => {
    try {
      server.setSecureContext(tls());
      opts.log?.('reloaded TLS certificate');
    } catch (e) {
      opts.log?.(`TLS certificate not reloaded: ${(e as Error).message}`);
    }
  };
  const unwatch = () => {
    unwatchFile(opts.certFile);
    unwatchFile(opts.keyFile);
  };
  watchFile(opts.certFile, { interval: 2000 }, reloadTls);
  watchFile(opts.keyFile, { interval: 2000 }, reloadTls);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
    });
  } catch (e) {
    // Nothing may keep the process alive after a failed start: the file watchers go with the server.
    unwatch();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    metrics,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unwatch();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

// The admission endpoints: resources are validated and mutated by the policies; policies themselves are validated.
const WEBHOOK_PATHS: Readonly<Record<string, 'validate' | 'mutate' | 'validate-policy'>> = {
  '/validate': 'validate',
  '/mutate': 'mutate',
  '/validate-policy': 'validate-policy',
};

/** What the endpoints answer from, made once per webhook. */
interface Endpoints {
  readonly store: PolicyView;
  readonly opts: WebhookOptions;
  readonly metrics: WebhookMetrics;
  readonly services: EvaluationServices;
}

function internalError(res: ServerResponse, opts: WebhookOptions, e: unknown): void {
  opts.log?.(`unexpected error: ${(e as Error).message}`);
  if (!res.headersSent) send(res, 500, { error: 'internal error' });
}

// Callbacks rather than async functions and promises: a review is answered once its body has arrived, and a promise
// chain per review was most of what the webhook allocated before any rule ran.
function handle(req: IncomingMessage, res: ServerResponse, endpoints: Endpoints): void {
  const { store, opts, metrics } = endpoints;
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (req.method === 'GET' && path === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.method === 'GET' && path === '/readyz') {
    if (!store.current) return send(res, 503, { status: 'policies not loaded' });
    // Still ready (the previous set is served), but the detail says a changed policy was refused and why.
    const failed = store.reloadError;
    const detail = failed ? { reloadError: failed.message, reloadErrorAt: failed.at.toISOString() } : {};
    const { refused } = store.current;
    return send(res, 200, {
      status: 'ready',
      policies: store.current.policySet.policies.length,
      ...detail,
      ...(refused.length ? { refused } : {}),
    });
  }
  if (req.method === 'GET' && path === '/metrics') return serveMetrics(res, opts, metrics);
  const webhook = WEBHOOK_PATHS[path];
  if (!webhook) return send(res, 404, { error: `no such endpoint ${path}` });
  if (req.method !== 'POST') return send(res, 405, { error: 'admission reviews are POSTed' });
  receiveReview(req, res, webhook, endpoints);
}

// The closures of /metrics and of a review's body are made in functions of their own: in handle, V8 would
// allocate a function context for them on every request.
function serveMetrics(res: ServerResponse, opts: WebhookOptions, metrics: WebhookMetrics): void {
  (opts.metricsText ?? (() => metrics.registry.metrics()))().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
    },
    (e: unknown) => internalError(res, opts, e),
  );
}

function receiveReview(req: IncomingMessage, res: ServerResponse, webhook: WebhookPath, endpoints: Endpoints): void {
  readBody(req, endpoints.opts.maxBodyBytes ?? DEFAULT_MAX_BODY, (body) => {
    try {
      answerReview(res, webhook, body, endpoints);
    } catch (e) {
      internalError(res, endpoints.opts, e);
    }
  });
}

function answerReview(res: ServerResponse, webhook: WebhookPath, body: ReceivedBody, endpoints: Endpoints): void {
  const { store, opts, metrics, services } = endpoints;
  if (!body.ok) {
    metrics.countRequest(webhook, body.status);
    return send(res, body.status, { error: body.error });
  }
  if (webhook === 'validate-policy') {
    // Needs no policy set: the policy under review is loaded on its own.
    const outcome = admitPolicy(body.text);
    metrics.countRequest(webhook, outcome.status);
    return send(res, outcome.status, outcome.body);
  }
  const snapshot = store.current;
  if (!snapshot) return send(res, 503, { error: 'policies not loaded yet' });
  // Monotonic milliseconds as a double: the deadline is read once per policy, and a bigint clock allocates each time.
  const started = performance.now();
  const deps = {
    services,
    resourceFilters: opts.resourceFilters ?? DEFAULT_RESOURCE_FILTERS,
    excludedRequesters: opts.excludedRequesters,
    deadline: new Deadline(started, opts.evaluationTimeoutMs ?? DEFAULT_EVALUATION_TIMEOUT_MS),
  };
  const outcome =
    webhook === 'validate'
      ? admitValidate(body.text, snapshot.policySet, deps)
      : admitMutate(body.text, snapshot.policySet, deps);
  const seconds = (performance.now() - started) / 1000;
  metrics.countRequest(webhook, outcome.status);
  if (outcome.status === 200) {
    metrics.observeDuration(webhook, outcome.kind ?? '', outcome.operation ?? '', outcome.allowed ?? true, seconds);
    metrics.recordResults(outcome.results);
    if (webhook === 'validate') metrics.recordWouldBlock(outcome, failurePolicies(snapshot.policySet));
    opts.onOutcome?.(webhook, outcome);
  }
  send(res, outcome.status, outcome.body);
}

// One lookup function per policy set, not a closure per review.
const failurePolicyLookups = new WeakMap<PolicySet, FailurePolicyOf>();
function failurePolicies(set: PolicySet): FailurePolicyOf {
  let lookup = failurePolicyLookups.get(set);
  if (!lookup) failurePolicyLookups.set(set, (lookup = (key) => set.policy(key)?.admission.failurePolicy));
  return lookup;
}

/** The evaluation budget of one review: one object, where a closure over its end would be two. */
class Deadline implements EvaluationDeadline {
  readonly #end: number;
  constructor(
    started: number,
    readonly budgetMs: number,
  ) {
    this.#end = started + budgetMs;
  }
  expired(): boolean {
    return performance.now() > this.#end;
  }
}

type WebhookPath = (typeof WEBHOOK_PATHS)[string];
type ReceivedBody = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

/** Read the request body (at most `limit` bytes), then call `done` once. */
function readBody(req: IncomingMessage, limit: number, done: (body: ReceivedBody) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return done({ ok: false, status: 413, error: `request body larger than ${limit} bytes` });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > limit && !finished) {
      finished = true;
      req.resume();
      done({ ok: false, status: 413, error: `request body larger than ${limit} bytes` });
    } else if (!finished) chunks.push(c);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    // A review usually arrives in one chunk: decoded as it is, without a concatenated copy.
    done({ ok: true, text: (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8') });
  });
  req.on('error', (e) => {
    if (finished) return;
    finished = true;
    done({ ok: false, status: 400, error: `cannot read request: ${e.message}` });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
