// Keeps one kind in step with the API server: LIST, then WATCH from its resourceVersion, reconnecting with backoff.
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { isObject, type JsonObject } from '../engine/index.js';
import { listAll } from './kube-list.js';

/** A resource kind to cache: its apiVersion, kind, URL plural and whether objects live in namespaces. */
export interface KindSpec {
  readonly apiVersion: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Where a reflector delivers what it learns: a full snapshot after each LIST, then single watch events. */
export interface ReflectorSink {
  replace(items: JsonObject[]): void;
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: JsonObject): void;
}

/** Reconnect delays: the first retry waits `initialMs`, doubling on each failure up to `maxMs`. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Server-side watch timeout, so connections are renewed regularly like client-go's reflector does. */
const WATCH_TIMEOUT_SECONDS = 300;

/** The collection URL of a kind across all namespaces: `/api/v1/configmaps`, `/apis/{group}/{version}/{plural}`. */
export function collectionPath(spec: KindSpec): string {
  const root = spec.apiVersion.includes('/') ? 'apis' : 'api';
  return `/${root}/${spec.apiVersion}/${spec.plural}`;
}

/** LIST+WATCH for one kind; errors after the first LIST are logged and retried, never thrown. */
export class KindReflector {
  #resourceVersion = '';
  #delayMs: number;
  #connection = 0; // bumped whenever a watch is abandoned, so its late callbacks are ignored
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /** A reflector for `spec` feeding `sink`; nothing happens until start(). */
  constructor(
    private readonly kc: KubeConfig,
    readonly spec: KindSpec,
    private readonly sink: ReflectorSink,
    private readonly backoff: Backoff,
    private readonly log: (m: string) => void,
  ) {
    this.#delayMs = backoff.initialMs;
  }

  /** The initial LIST (rejects when it fails), then a background WATCH. */
  async start(): Promise<void> {
    await this.#relist();
    this.#watch();
  }

  /** Drop the watch and any pending reconnect. */
  stop(): void {
    this.#stopped = true;
    this.#abandon();
  }

  async #relist(): Promise<void> {
    const { items, resourceVersion } = await listAll(this.kc, collectionPath(this.spec));
    this.sink.replace(items.map((o) => this.#stamp(o)));
    this.#resourceVersion = resourceVersion;
  }

  #watch(): void {
    if (this.#stopped) return;
    const conn = ++this.#connection;
    const query = {
      resourceVersion: this.#resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: WATCH_TIMEOUT_SECONDS,
    };
    new Watch(this.kc)
      .watch(
        collectionPath(this.spec),
        query,
        (type, obj) => conn === this.#connection && this.#onEvent(type, obj),
        (err) => conn === this.#connection && this.#onDone(err),
      )
      .then((controller) => {
        if (conn === this.#connection) this.#controller = controller;
        else controller.abort();
      })
      .catch((err: unknown) => conn === this.#connection && this.#onDone(err));
  }

  #onEvent(type: string, obj: unknown): void {
    if (!isObject(obj)) return;
    if (type === 'ERROR') return this.#onWatchError(obj);
    const md = isObject(obj.metadata) ? obj.metadata : {};
    if (typeof md.resourceVersion === 'string') this.#resourceVersion = md.resourceVersion;
    this.#delayMs = this.backoff.initialMs;
    if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.sink.event(type, this.#stamp(obj));
  }

  // An in-stream Status: 410 Gone means our resourceVersion was compacted away, so only a fresh LIST helps.
  #onWatchError(status: JsonObject): void {
    this.log(`watch ${collectionPath(this.spec)}: ${String(status.message ?? status.reason ?? 'error')}`);
    this.#abandon();
    this.#schedule(status.code === 410);
  }

  #onDone(err: unknown): void {
    this.#controller = undefined;
    this.#connection++;
    if (err) this.log(`watch ${collectionPath(this.spec)} failed: ${errorText(err)}`);
    // 410 Gone: the version is too old to resume from, so LIST again (as client-go's reflector does).
    const gone = hasStatusCode(err) && err.statusCode === 410;
    // A clean end is the server's watch timeout or a dropped connection: resume promptly from the last version.
    if (!err) this.#delayMs = this.backoff.initialMs;
    this.#schedule(gone);
  }

  #schedule(relist: boolean): void {
    if (this.#stopped) return;
    const delay = this.#delayMs;
    this.#delayMs = Math.min(this.#delayMs * 2, this.backoff.maxMs);
    this.#timer = setTimeout(() => void this.#reconnect(relist), delay);
  }

  async #reconnect(relist: boolean): Promise<void> {
    this.#timer = undefined;
    if (this.#stopped) return;
    try {
      if (relist || this.#resourceVersion === '') await this.#relist();
    } catch (err) {
      this.log(`list ${collectionPath(this.spec)} failed: ${errorText(err)}`);
      return this.#schedule(true);
    }
    this.#watch();
  }

  #abandon(): void {
    this.#connection++;
    this.#controller?.abort();
    this.#controller = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  // LIST items carry no apiVersion/kind of their own; the cache keys on both.
  #stamp(obj: JsonObject): JsonObject {
    return { ...obj, apiVersion: this.spec.apiVersion, kind: this.spec.kind };
  }
}

// Both KubeApiError and the client's Watch errors carry the HTTP status as `statusCode`.
function hasStatusCode(err: unknown): err is { statusCode: number } {
  return typeof err === 'object' && err !== null && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
