// Creates what generate rules produced at admission, after the response has gone out (as Kyverno's background
// controller does): server-side apply, so a new resource is created and an existing one takes the generated fields.
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, restPath, type JsonObject } from '../engine/index.js';
import { discoverResources, kindKey } from './discovery.js';
import type { KindSpec } from './kind-reflector.js';
import { kubeRequest, type KubeAnswer } from './kube-request.js';

const FIELD_MANAGER = 'tollgate';

/** What one round did: resources applied (or deleted), and those that failed. */
export interface ApplyStats {
  applied: number;
  failed: number;
}

/** Applies generated resources to the cluster; never throws for API errors (they are logged and counted). */
export class GeneratedResourceWriter {
  #kinds: Map<string, KindSpec> | undefined;

  /** A writer using `kc`; `discover` maps apiVersion/kind to collections (API discovery by default). */
  constructor(
    private readonly kc: KubeConfig,
    private readonly log: (m: string) => void,
    private readonly discover: () => Promise<Map<string, KindSpec>> = () => discoverResources(kc, log),
  ) {}

  /** Server-side apply each resource, in order. */
  apply(resources: readonly JsonObject[]): Promise<ApplyStats> {
    return this.#each(resources, 'applied', (r, path) =>
      kubeRequest(
        this.kc,
        'PATCH',
        `${path}?fieldManager=${FIELD_MANAGER}&force=true`,
        r,
        'application/apply-patch+yaml',
      ),
    );
  }

  /** Delete each resource, in order (one already gone counts as deleted). */
  remove(resources: readonly JsonObject[]): Promise<ApplyStats> {
    return this.#each(resources, 'deleted', (_r, path) => kubeRequest(this.kc, 'DELETE', path), 404);
  }

  // One request per resource at its object path; API errors are logged and counted, never thrown.
  async #each(
    resources: readonly JsonObject[],
    done: string,
    send: (r: JsonObject, path: string) => Promise<KubeAnswer>,
    alsoFine?: number,
  ): Promise<ApplyStats> {
    const stats = { applied: 0, failed: 0 };
    for (const r of resources) {
      let problem: string | undefined;
      try {
        const spec = await this.#specOf(String(r.apiVersion ?? ''), String(r.kind ?? ''));
        if (!spec) throw new Error('the API server does not serve this kind');
        const md = isObject(r.metadata) ? r.metadata : {};
        const namespace = spec.namespaced ? String(md.namespace ?? '') : '';
        const answer = await send(r, restPath(spec.apiVersion, spec.plural, namespace, String(md.name ?? '')));
        const ok = (answer.status >= 200 && answer.status < 300) || answer.status === alsoFine;
        if (!ok) problem = `HTTP ${answer.status} ${String(answer.body.message ?? '')}`;
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem === undefined) stats.applied++;
      else {
        stats.failed++;
        this.log(`generate: ${describe(r)} not ${done}: ${problem}`);
      }
    }
    return stats;
  }

  // Discovery once; again when a kind is missing (a CRD installed since).
  async #specOf(apiVersion: string, kind: string): Promise<KindSpec | undefined> {
    const key = kindKey(apiVersion, kind);
    if (!this.#kinds?.has(key)) this.#kinds = await this.discover();
    return this.#kinds.get(key);
  }
}

function describe(r: JsonObject): string {
  const md = isObject(r.metadata) ? r.metadata : {};
  return `${String(r.kind)} ${md.namespace ? `${String(md.namespace)}/` : ''}${String(md.name ?? '')}`;
}
