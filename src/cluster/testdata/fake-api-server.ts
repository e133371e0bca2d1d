// Test double: a node:http server answering Kubernetes LIST and WATCH (as a reflector uses them) and GET, POST, PUT and
// DELETE of single objects (as a writer uses them), with real API shapes.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isObject, type JsonObject } from '../../engine/json.js';

/** One served collection, e.g. `/api/v1/configmaps`, with its list kind and objects. */
export interface Collection {
  listKind: string;
  apiVersion: string;
  items: JsonObject[];
}

/** One request as received: method, path and JSON body (POST/PUT). */
export interface ApiCall {
  readonly method: string;
  readonly path: string;
  readonly body?: JsonObject;
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
  /** Every request as method, path and body, in order. */
  readonly calls: ApiCall[] = [];
  /** When set, every request is answered with this HTTP status. */
  failWith: number | undefined;
  /** When set, a request for which it returns a status is answered with that status. */
  failWhen: ((method: string, path: string) => number | undefined) | undefined;
  /** How a too-old watch resourceVersion is refused: an ERROR event (as the API server does) or HTTP 410. */
  goneAs: 'event' | 'status' = 'event';

  /** Collections by path; `discovery` answers GETs of discovery paths (`/api`, `/apis/apps/v1`, …) as given. */
  constructor(
    collections: Record<string, Collection>,
    private readonly discovery: Record<string, JsonObject> = {},
  ) {
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
  emit(path: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: JsonObject): JsonObject {
    const obj = this.#stamp(object);
    const col = this.#collection(path);
    col.items = col.items.filter((o) => !sameObject(o, obj));
    if (type !== 'DELETED') col.items.push(obj);
    const line = `${JSON.stringify({ type, object: obj })}\n`;
    this.#historyOf(path).push({ rv: this.#rv, line });
    for (const res of this.#watches.get(path) ?? []) res.write(line);
    return obj;
  }

  /** The objects of the collection at `path` (e.g. `/apis/wgpolicyk8s.io/v1alpha2/policyreports`), [] when absent. */
  items(path: string): JsonObject[] {
    return structuredClone(this.#collections.get(path)?.items ?? []);
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
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.#dispatch(req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString(), res));
  }

  #dispatch(method: string, rawUrl: string, text: string, res: ServerResponse): void {
    const url = new URL(rawUrl, 'http://x');
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.calls.push({ method, path: url.pathname, ...(isObject(body) ? { body } : {}) });
    const injected = this.failWith ?? this.failWhen?.(method, url.pathname);
    if (injected !== undefined) return status(res, injected, 'injected failure');
    if (method === 'GET' && Object.hasOwn(this.discovery, url.pathname))
      return send(res, 200, this.discovery[url.pathname]);
    const target = route(url.pathname);
    if (method === 'GET' && this.#collections.has(url.pathname)) return this.#list(url, url.pathname, undefined, res);
    if (!target) return status(res, 404, `the server could not find ${url.pathname}`);
    if (method === 'GET' && target.name === undefined && this.#collections.has(target.collection))
      return this.#list(url, target.collection, target.namespace, res);
    if (method === 'POST' && target.name === undefined && isObject(body)) return this.#create(target, body, res);
    if (method === 'PATCH' && target.name !== undefined && isObject(body) && !this.#find(target))
      return this.#create({ ...target, name: undefined }, body, res);
    if (target.name === undefined) return status(res, 404, `the server could not find ${url.pathname}`);
    const current = this.#find(target);
    if (!current) return status(res, 404, `${target.resource} "${target.name}" not found`, 'NotFound');
    if (method === 'GET') return send(res, 200, current);
    if (method === 'PUT' && isObject(body)) return this.#replace(target, current, body, res);
    if (method === 'PATCH' && isObject(body)) return this.#apply(target, current, body, res);
    if (method === 'DELETE') return send(res, 200, this.emit(target.collection, 'DELETED', current));
    status(res, 405, `${method} is not supported on ${url.pathname}`, 'MethodNotAllowed');
  }

  #list(url: URL, path: string, namespace: string | undefined, res: ServerResponse): void {
    if (url.searchParams.get('watch') === 'true') return this.#watch(url, res);
    const col = this.#collection(path);
    const all = namespace === undefined ? col.items : col.items.filter((o) => namespaceOf(o) === namespace);
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const from = Number(url.searchParams.get('continue') ?? '0');
    const to = limit > 0 ? from + limit : all.length;
    const metadata: JsonObject = { resourceVersion: String(this.#rv) };
    if (to < all.length) metadata.continue = String(to);
    send(res, 200, { kind: col.listKind, apiVersion: col.apiVersion, metadata, items: all.slice(from, to) });
  }

  // POST: 409 AlreadyExists when present; the server assigns uid, creationTimestamp and resourceVersion.
  #create(target: Target, body: JsonObject, res: ServerResponse): void {
    const md = isObject(body.metadata) ? body.metadata : {};
    const name = typeof md.name === 'string' ? md.name : '';
    if (!name) return status(res, 422, `${target.resource}: metadata.name: Required value`, 'Invalid');
    if (this.#find({ ...target, name }))
      return status(res, 409, `${target.resource} "${name}" already exists`, 'AlreadyExists');
    if (!this.#collections.has(target.collection)) {
      const listKind = `${String(body.kind)}List`;
      this.#collections.set(target.collection, { listKind, apiVersion: String(body.apiVersion), items: [] });
    }
    const metadata = { ...md, uid: randomUUID(), creationTimestamp: new Date().toISOString() };
    const obj = { ...body, metadata: target.namespace ? { ...metadata, namespace: target.namespace } : metadata };
    send(res, 201, this.emit(target.collection, 'ADDED', obj));
  }

  // PATCH (server-side apply): the applied fields replace the object's; identity and creation stay.
  #apply(target: Target, current: JsonObject, body: JsonObject, res: ServerResponse): void {
    const cur = current.metadata as JsonObject;
    const md = isObject(body.metadata) ? body.metadata : {};
    const metadata = { ...md, uid: cur.uid, creationTimestamp: cur.creationTimestamp, namespace: cur.namespace };
    send(res, 200, this.emit(target.collection, 'MODIFIED', { ...body, metadata: dropUndefined(metadata) }));
  }

  // PUT: the body's resourceVersion must be the current one (409 Conflict otherwise); uid and creation time stay.
  #replace(target: Target, current: JsonObject, body: JsonObject, res: ServerResponse): void {
    const cur = current.metadata as JsonObject;
    const md = isObject(body.metadata) ? body.metadata : {};
    if (md.resourceVersion === undefined)
      return status(
        res,
        422,
        `${target.resource} "${target.name}": metadata.resourceVersion: Invalid value: must be specified for an update`,
        'Invalid',
      );
    if (md.resourceVersion !== cur.resourceVersion) {
      const message = `Operation cannot be fulfilled on ${target.resource} "${target.name}": the object has been modified; please apply your changes to the latest version and try again`;
      return status(res, 409, message, 'Conflict');
    }
    const metadata = { ...md, uid: cur.uid, creationTimestamp: cur.creationTimestamp, namespace: cur.namespace };
    send(res, 200, this.emit(target.collection, 'MODIFIED', { ...body, metadata: dropUndefined(metadata) }));
  }

  #find(target: Target): JsonObject | undefined {
    const items = this.#collections.get(target.collection)?.items ?? [];
    return items.find((o) => namespaceOf(o) === (target.namespace ?? '') && nameOf(o) === target.name);
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

/** Where an object path points: its cluster-wide collection path, namespace and name. */
interface Target {
  readonly collection: string;
  /** e.g. `policyreports.wgpolicyk8s.io`, as the API server names resources in messages. */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

// `/api/v1[/namespaces/NS]/PLURAL[/NAME]` or `/apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]`.
function route(pathname: string): Target | undefined {
  const segs = pathname.split('/').filter(Boolean);
  const base = segs[0] === 'api' ? 2 : 3;
  const rest = segs.slice(base);
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const [plural, name, ...extra] = namespaced ? rest.slice(2) : rest;
  if (!plural || extra.length > 0) return undefined;
  const group = segs[0] === 'api' ? '' : `.${segs[1]}`;
  const collection = `/${segs.slice(0, base).join('/')}/${plural}`;
  return { collection, resource: `${plural}${group}`, namespace: namespaced ? rest[1] : undefined, name };
}

function namespaceOf(o: JsonObject): string {
  const md = isObject(o.metadata) ? o.metadata : {};
  return typeof md.namespace === 'string' ? md.namespace : '';
}

function nameOf(o: JsonObject): unknown {
  return isObject(o.metadata) ? o.metadata.name : undefined;
}

function dropUndefined(o: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as JsonObject;
}

function send(res: ServerResponse, code: number, body: JsonObject): void {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sameObject(a: JsonObject, b: JsonObject): boolean {
  const ma = isObject(a.metadata) ? a.metadata : {};
  const mb = isObject(b.metadata) ? b.metadata : {};
  return ma.name === mb.name && (ma.namespace ?? '') === (mb.namespace ?? '');
}

// A Kubernetes Status body with the given code (and reason, e.g. NotFound, AlreadyExists, Conflict).
function status(res: ServerResponse, code: number, message: string, reason?: string): void {
  send(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason ? { reason } : {}),
    code,
  });
}
