// Which resource collections the API server serves, from the discovery endpoints, and what a kind name resolves to.
import {
  ApiException,
  ApisApi,
  CoreApi,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1APIResourceList,
} from '@kubernetes/client-node';
import type { KindSpec } from './kind-reflector.js';

/** A kind to resolve: `Pod`, or `{apiVersion: 'apps/v1', kind: 'Deployment'}` for one group and version. */
export interface KindRef {
  readonly apiVersion?: string;
  readonly kind: string;
}

/** The collections that serve the wanted kinds, and the wanted kinds the API server does not serve. */
export interface ResolvedKinds {
  readonly specs: readonly KindSpec[];
  readonly unknown: readonly KindRef[];
}

const REQUEST_TIMEOUT_MS = 30_000;

/** The key of a discovered kind in the map `discoverResources` returns: `v1/Pod`, `apps/v1/Deployment`. */
export function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

/**
 * Listable top-level resources of the core group and of each group's preferred version, keyed by `kindKey`.
 * Rejects when `/api` or `/apis` fails; a failing group version (e.g. an unavailable aggregated API) is
 * passed to `onError` and left out.
 */
export async function discoverResources(
  kc: KubeConfig,
  onError: (message: string) => void = () => {},
): Promise<Map<string, KindSpec>> {
  const lists: V1APIResourceList[] = [];
  const core = await timed('/api', kc.makeApiClient(CoreApi).getAPIVersions());
  if (core.versions.includes('v1')) lists.push(await timed('/api/v1', kc.makeApiClient(CoreV1Api).getAPIResources()));
  const groups = await timed('/apis', kc.makeApiClient(ApisApi).getAPIVersions());
  const custom = kc.makeApiClient(CustomObjectsApi);
  const preferred = groups.groups.flatMap((g) => {
    const v = g.preferredVersion ?? g.versions[0];
    return v ? [{ group: g.name, version: v.version }] : [];
  });
  const fetched = await Promise.allSettled(
    preferred.map((gv) => timed(`/apis/${gv.group}/${gv.version}`, custom.getAPIResources(gv))),
  );
  fetched.forEach((f, i) => {
    if (f.status === 'fulfilled') lists.push(f.value);
    else onError(`discovery of ${preferred[i].group}/${preferred[i].version} failed: ${describe(f.reason)}`);
  });
  return collect(lists);
}

/** Map wanted kinds to discovered collections: with an apiVersion exactly, without one every group serving the kind. */
export function resolveKinds(wanted: readonly KindRef[], discovered: ReadonlyMap<string, KindSpec>): ResolvedKinds {
  const specs = new Map<string, KindSpec>();
  const unknown: KindRef[] = [];
  for (const w of wanted) {
    const found = w.apiVersion
      ? [discovered.get(kindKey(w.apiVersion, w.kind))].filter((s) => s !== undefined)
      : [...discovered.values()].filter((s) => s.kind === w.kind);
    if (found.length === 0) unknown.push(w);
    for (const s of found) specs.set(kindKey(s.apiVersion, s.kind), s);
  }
  return { specs: [...specs.values()], unknown };
}

// Subresources (`pods/status`) and collections that cannot be listed (`bindings`, `tokenreviews`) are left out.
function collect(lists: readonly V1APIResourceList[]): Map<string, KindSpec> {
  const out = new Map<string, KindSpec>();
  for (const list of lists)
    for (const r of list.resources) {
      if (r.name.includes('/') || !r.kind || !r.verbs.includes('list')) continue;
      const spec = { apiVersion: list.groupVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced };
      out.set(kindKey(spec.apiVersion, spec.kind), spec);
    }
  return out;
}

// The typed client has no request timeout; a hung aggregated API must not stall discovery forever.
async function timed<T>(path: string, request: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([request, timeout]);
  } catch (e) {
    throw new Error(`GET ${path}: ${describe(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

// ApiException messages carry the whole body and headers; the status code is what matters.
function describe(e: unknown): string {
  if (e instanceof ApiException) return `HTTP ${e.code}`;
  return e instanceof Error ? e.message : String(e);
}
