// Test double: a node:http server answering the Kubernetes LIST and WATCH paths a reflector uses, with real API shapes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject, type JsonObject } from '../../engine/json.js';

/** One served collection, e.g. `/api/v1/configmaps`, with its list kind and objects. */
export interface Collection {
  listKind: string;
  apiVersion: string;
  items: JsonObject[];
}

interface Logged {
  readonly rv: number;
  readonly line: string;
}

/** An in-memory API server: LIST with pagination, WATCH with replay from resourceVersion, and failure knobs. */
export class FakeApiServer {
  readonly #server: Server = createServer((req, res) => this.#handle(req, res));
  readonly #collections: Map<string, Collection>;
  readonly #history = new Map<string, Logged[]>();
  readonly #watches = new Map<string, Set<ServerResponse>>();
  #rv = 10;
  #compactedRv = 0;
  /** Every request URL received, in order. */
  readonly requests: string[] = [];
  /** When set, every request is answered with this HTTP status. */
  failWith: number | undefined;
  /** How a too-old watch resourceVersion is refused: an ERROR event (as the API server does) or HTTP 410. */
  goneAs: 'event' | 'status' = 'event';

  constructor(collections: Record<string, Collection>) {
    this.#collections = new Map(Object.entries(structuredClone(collections)));
  }

  /** Listen on 127.0.0.1 and resolve to the base URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Close open watches and the server. */
  async close(): Promise<void> {
    this.dropWatches();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Apply a change and stream it to open watches of `path`. */
  emit(path: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: JsonObject): void {
    const obj = this.#stamp(object);
    const col = this.#collection(path);
    col.items = col.items.filter((o) => !sameObject(o, obj));
    if (type !== 'DELETED') col.items.push(obj);
    const line = `${JSON.stringify({ type, object: obj })}\n`;
    this.#historyOf(path).push({ rv: this.#rv, line });
    for (const res of this.#watches.get(path) ?? []) res.write(line);
  }

  /** Change a collection without any watch event, then forget history so older versions get 410 Gone. */
  replaceSilently(path: string, items: JsonObject[]): void {
    this.#collection(path).items = items.map((o) => this.#stamp(o));
    this.#compactedRv = this.#rv;
    this.#history.clear();
  }

  /** End every open watch stream (optionally only those of `path`), like a dropped connection. */
  dropWatches(path?: string): void {
    for (const [p, set] of this.#watches) {
      if (path !== undefined && p !== path) continue;
      for (const res of set) res.end();
      set.clear();
    }
  }

  /** How many WATCH requests `path` has received. */
  watchCount(path: string): number {
    return this.requests.filter((u) => u.startsWith(`${path}?`) && u.includes('watch=true')).length;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const col = this.#collections.get(url.pathname);
    if (this.failWith !== undefined) return status(res, this.failWith, 'injected failure');
    if (!col || req.method !== 'GET') return status(res, 404, `the server could not find ${url.pathname}`);
    if (url.searchParams.get('watch') === 'true') return this.#watch(url, res);
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const from = Number(url.searchParams.get('continue') ?? '0');
    const to = limit > 0 ? from + limit : col.items.length;
    const metadata: JsonObject = { resourceVersion: String(this.#rv) };
    if (to < col.items.length) metadata.continue = String(to);
    const body = { kind: col.listKind, apiVersion: col.apiVersion, metadata, items: col.items.slice(from, to) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  #watch(url: URL, res: ServerResponse): void {
    const path = url.pathname;
    const since = Number(url.searchParams.get('resourceVersion') ?? '0');
    if (since < this.#compactedRv) {
      const message = `too old resource version: ${since} (${this.#compactedRv})`;
      if (this.goneAs === 'status') return status(res, 410, message);
      const gone = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: 'Expired', code: 410 };
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
    }
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    for (const e of this.#historyOf(path)) if (e.rv > since) res.write(e.line);
    const set = this.#watches.get(path) ?? new Set<ServerResponse>();
    this.#watches.set(path, set.add(res));
    res.on('close', () => set.delete(res));
  }

  #stamp(object: JsonObject): JsonObject {
    const obj = structuredClone(object);
    const md = isObject(obj.metadata) ? obj.metadata : {};
    obj.metadata = { ...md, resourceVersion: String(++this.#rv) };
    return obj;
  }

  #collection(path: string): Collection {
    const col = this.#collections.get(path);
    if (!col) throw new Error(`no collection ${path}`);
    return col;
  }

  #historyOf(path: string): Logged[] {
    const h = this.#history.get(path) ?? [];
    this.#history.set(path, h);
    return h;
  }
}

function sameObject(a: JsonObject, b: JsonObject): boolean {
  const ma = isObject(a.metadata) ? a.metadata : {};
  const mb = isObject(b.metadata) ? b.metadata : {};
  return ma.name === mb.name && (ma.namespace ?? '') === (mb.namespace ?? '');
}

// A Kubernetes Status body with the given code.
function status(res: ServerResponse, code: number, message: string): void {
  const body = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code };
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
