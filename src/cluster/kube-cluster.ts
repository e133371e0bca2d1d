// The live cluster for `tollgate serve`: a ClusterReader answering from a cache that LIST+WATCH keeps current.
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, type ClusterReader, type JsonObject, type JsonValue } from '../engine/index.js';
import { KindReflector, type Backoff, type KindSpec, type ReflectorSink } from './kind-reflector.js';
import { MemoryCluster } from './memory-store.js';

export type { Backoff, KindSpec } from './kind-reflector.js';

/** What to cache and how to report: kinds to LIST+WATCH, a log line sink, reconnect delays, a change hook. */
export interface KubeClusterOptions {
  readonly kinds: readonly KindSpec[];
  readonly log?: (m: string) => void;
  readonly backoff?: Backoff;
  /** Called after every change to the cache (a LIST snapshot or a watch event that changed something). */
  readonly onChange?: () => void;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

/** A ClusterReader whose reads never touch the network: they answer from the watched cache. */
export class KubeCluster implements ClusterReader {
  readonly #cache = new MemoryCluster();
  readonly #reflectors: KindReflector[];
  readonly #onChange: () => void;

  /** A cluster reader for `opts.kinds`; call start() before reading. */
  constructor(kc: KubeConfig, opts: KubeClusterOptions) {
    const log = opts.log ?? (() => {});
    this.#onChange = opts.onChange ?? (() => {});
    this.#reflectors = opts.kinds.map(
      (spec) => new KindReflector(kc, spec, this.#sinkFor(spec), opts.backoff ?? DEFAULT_BACKOFF, log),
    );
  }

  /** LIST every kind (rejects, stopping everything, when one fails), then keep watching in the background. */
  async start(): Promise<void> {
    try {
      await Promise.all(this.#reflectors.map((r) => r.start()));
    } catch (err) {
      this.stop();
      throw err;
    }
  }

  /** Stop all watches and reconnect timers. */
  stop(): void {
    for (const r of this.#reflectors) r.stop();
  }

  /** Copies of every cached object. */
  all(): JsonObject[] {
    return this.#cache.all();
  }

  /** A cached ConfigMap, or undefined when it is absent (or ConfigMaps are not among the cached kinds). */
  getConfigMap(namespace: string, name: string): JsonObject | undefined {
    return this.#cache.getConfigMap(namespace, name);
  }

  /** One cached object; an empty apiVersion matches any version of the kind. */
  getResource(apiVersion: string, kind: string, namespace: string, name: string): JsonObject | undefined {
    return this.#cache.getResource(apiVersion, kind, namespace, name);
  }

  /** Cached objects of a kind in a namespace ('' for all), optionally filtered by labels. */
  listResources(
    apiVersion: string,
    kind: string,
    namespace: string,
    labels?: Readonly<Record<string, string>>,
  ): JsonObject[] {
    return this.#cache.listResources(apiVersion, kind, namespace, labels);
  }

  /** Serve GET paths of cached kinds from the cache; any other call throws `not cached: <path>`. */
  apiCall(urlPath: string, method: 'GET' | 'POST', _body?: JsonValue): JsonValue {
    const spec = method === 'GET' ? this.#cachedKindOf(urlPath) : undefined;
    if (!spec) throw new Error(`not cached: ${urlPath}`);
    const out = this.#cache.apiCall(urlPath, 'GET');
    // The cache learns kinds from its objects; an empty collection still has a typed list kind on the server.
    if (isObject(out) && Array.isArray(out.items)) out.kind = `${spec.kind}List`;
    return out;
  }

  #cachedKindOf(urlPath: string): KindSpec | undefined {
    const target = resourceOfPath(urlPath);
    return this.#reflectors
      .map((r) => r.spec)
      .find(
        (s) =>
          target !== undefined &&
          s.apiVersion === target.apiVersion &&
          s.plural === target.plural &&
          (s.namespaced || !target.namespaced),
      );
  }

  #sinkFor(spec: KindSpec): ReflectorSink {
    return {
      replace: (items) => {
        for (const o of this.#cache.listResources(spec.apiVersion, spec.kind, '')) {
          const md = isObject(o.metadata) ? o.metadata : {};
          this.#cache.remove(spec.apiVersion, spec.kind, String(md.namespace ?? ''), String(md.name ?? ''));
        }
        for (const o of items) this.#cache.add(o);
        this.#onChange();
      },
      event: (type, obj) => {
        const md = isObject(obj.metadata) ? obj.metadata : {};
        const changed =
          type === 'DELETED'
            ? this.#cache.remove(spec.apiVersion, spec.kind, String(md.namespace ?? ''), String(md.name ?? ''))
            : this.#cache.apply(obj) !== 'unchanged';
        if (changed) this.#onChange();
      },
    };
  }
}

/** The apiVersion and plural a URL addresses, and whether it goes through `namespaces/{ns}/`. */
function resourceOfPath(urlPath: string): { apiVersion: string; plural: string; namespaced: boolean } | undefined {
  const segs = (urlPath.split('?', 1)[0] ?? '').split('/').filter((s) => s !== '');
  const head = segs[0] === 'api' ? 1 : segs[0] === 'apis' ? 2 : 0;
  if (head === 0) return undefined;
  const apiVersion = segs.slice(1, head + 1).join('/');
  const rest = segs.slice(head + 1);
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3;
  const tail = namespaced ? rest.slice(2) : rest;
  if (tail.length < 1 || tail.length > 2) return undefined;
  return { apiVersion, plural: tail[0], namespaced };
}
