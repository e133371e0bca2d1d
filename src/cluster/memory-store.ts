// An in-memory cluster for offline runs and tests: objects by apiVersion, kind, namespace and name, no I/O.
import {
  deepEqual,
  isClusterScopedKind,
  isObject,
  type ClusterReader,
  type JsonObject,
  type JsonValue,
} from '../engine/index.js';

type Labels = Readonly<Record<string, string>>;

/** A ClusterReader over objects held in memory; reads return copies, so callers cannot change the store. */
export class MemoryCluster implements ClusterReader {
  readonly #objects = new Map<string, JsonObject>();

  /** A store holding copies of `objects`. */
  constructor(objects: readonly JsonObject[] = []) {
    for (const o of objects) this.add(o);
  }

  /** Store a copy of `obj`, replacing any object with the same identity. */
  add(obj: JsonObject): void {
    const copy = normalise(obj);
    this.#objects.set(keyOf(copy), copy);
  }

  /** Store `obj` and say whether that created, changed or left the stored object as it was. */
  apply(obj: JsonObject): 'created' | 'updated' | 'unchanged' {
    const copy = normalise(obj);
    const key = keyOf(copy);
    const before = this.#objects.get(key);
    if (before && deepEqual(before, copy)) return 'unchanged';
    this.#objects.set(key, copy);
    return before ? 'updated' : 'created';
  }

  /** Delete one object; false when there was none. */
  remove(apiVersion: string, kind: string, namespace: string, name: string): boolean {
    return this.#objects.delete(key(apiVersion, kind, isClusterScopedKind(kind) ? '' : namespace, name));
  }

  /** Copies of every stored object, in insertion order. */
  all(): JsonObject[] {
    return [...this.#objects.values()].map((o) => structuredClone(o));
  }

  /** A ConfigMap, or undefined when it does not exist. */
  getConfigMap(namespace: string, name: string): JsonObject | undefined {
    return this.getResource('v1', 'ConfigMap', namespace, name);
  }

  /** One object; an empty apiVersion matches any version of the kind. */
  getResource(apiVersion: string, kind: string, namespace: string, name: string): JsonObject | undefined {
    const found = this.#select(apiVersion, kind, isClusterScopedKind(kind) ? '' : namespace).find(
      (o) => nameOf(o) === name,
    );
    return found && structuredClone(found);
  }

  /** Objects of a kind in a namespace ('' for all), sorted by namespace and name like the API server. */
  listResources(apiVersion: string, kind: string, namespace: string, labels?: Labels): JsonObject[] {
    return this.#select(apiVersion, kind, namespace)
      .filter((o) => !labels || Object.entries(labels).every(([k, v]) => labelsOf(o)[k] === v))
      .sort((a, b) => compare(namespaceOf(a), namespaceOf(b)) || compare(nameOf(a), nameOf(b)))
      .map((o) => structuredClone(o));
  }

  /** Serve GET paths such as `/api/v1/namespaces/{ns}/configmaps/{name}` and list paths; others throw. */
  apiCall(urlPath: string, method: 'GET' | 'POST', _body?: JsonValue): JsonValue {
    const req = method === 'GET' ? parsePath(urlPath) : undefined;
    if (!req) throw new Error(`no mock for ${urlPath}`);
    const kind = this.#kindOf(req.apiVersion, req.plural);
    if (req.name === undefined) {
      const items = kind === undefined ? [] : this.listResources(req.apiVersion, kind, req.namespace, req.labels);
      return { apiVersion: req.apiVersion, kind: `${kind ?? ''}List`, items };
    }
    const found = kind === undefined ? undefined : this.getResource(req.apiVersion, kind, req.namespace, req.name);
    if (!found) throw new Error(`${req.plural} "${req.name}" not found`);
    return found;
  }

  #select(apiVersion: string, kind: string, namespace: string): JsonObject[] {
    return [...this.#objects.values()].filter(
      (o) =>
        o.kind === kind &&
        (apiVersion === '' || o.apiVersion === apiVersion) &&
        (namespace === '' || namespaceOf(o) === namespace),
    );
  }

  // The kind behind a URL resource name, learnt from the stored objects of that apiVersion.
  #kindOf(apiVersion: string, plural: string): string | undefined {
    for (const o of this.#objects.values()) {
      if (o.apiVersion === apiVersion && pluralOf(String(o.kind)) === plural) return String(o.kind);
    }
    return undefined;
  }
}

interface PathRequest {
  readonly apiVersion: string;
  readonly plural: string;
  readonly namespace: string;
  readonly name?: string;
  readonly labels?: Labels;
}

/** `/api/v1/...` or `/apis/{group}/{version}/...`, then `[namespaces/{ns}/]{plural}[/{name}]` and `?labelSelector=`. */
function parsePath(urlPath: string): PathRequest | undefined {
  const [path, query = ''] = urlPath.split('?', 2);
  const segs = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const head = segs[0] === 'api' ? 1 : segs[0] === 'apis' ? 2 : 0;
  if (head === 0 || segs.length < head + 2) return undefined;
  const apiVersion = segs.slice(1, head + 1).join('/');
  let rest = segs.slice(head + 1);
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 2) return undefined;
  const labels = parseLabelSelector(new URLSearchParams(query).get('labelSelector'));
  if (labels === null) return undefined;
  return { apiVersion, plural: rest[0], namespace, name: rest[1], labels };
}

// Equality selectors only (`a=b,c==d`); anything else is not mocked (null).
function parseLabelSelector(text: string | null): Labels | undefined | null {
  if (text === null || text === '') return undefined;
  const out: Record<string, string> = {};
  for (const term of text.split(',')) {
    const m = /^([^=!\s]+)==?([^=!\s]*)$/.exec(term.trim());
    if (!m) return null;
    out[m[1]] = m[2];
  }
  return out;
}

/** The lower-case plural Kubernetes uses in URLs: ConfigMap → configmaps, NetworkPolicy → networkpolicies. */
function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (k === 'endpoints') return k;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

// Namespaced objects without a namespace live in `default`; cluster-scoped ones never carry one.
function normalise(obj: JsonObject): JsonObject {
  const copy = structuredClone(obj);
  if (!isObject(copy.metadata)) copy.metadata = {};
  const md = copy.metadata as JsonObject;
  if (isClusterScopedKind(String(copy.kind))) delete md.namespace;
  else if (typeof md.namespace !== 'string' || md.namespace === '') md.namespace = 'default';
  return copy;
}

function keyOf(o: JsonObject): string {
  return key(String(o.apiVersion ?? ''), String(o.kind ?? ''), namespaceOf(o), nameOf(o));
}

function key(apiVersion: string, kind: string, namespace: string, name: string): string {
  return JSON.stringify([apiVersion, kind, namespace, name]);
}

function nameOf(o: JsonObject): string {
  return isObject(o.metadata) ? String(o.metadata.name ?? '') : '';
}

function namespaceOf(o: JsonObject): string {
  return isObject(o.metadata) ? String(o.metadata.namespace ?? '') : '';
}

function labelsOf(o: JsonObject): Record<string, JsonValue> {
  return isObject(o.metadata) && isObject(o.metadata.labels) ? o.metadata.labels : {};
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
