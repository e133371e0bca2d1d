// Kyverno `resource` library (spec kyverno-cel-semantics §5.5 "resource"): Get/List/Post/ToGVR on a per-evaluation handle.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import type { JsonObject } from '../../json.js';
import type { ResourceService } from './services.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { declareHandle, ensureType, registerAliases } from './register.js';
import { celToObject, celToStringMap, toCel } from './values.js';

const T = 'kyverno.Resource';
const GVR = 'kyverno.GVR';
const MAP = 'map<string, dyn>';
const LABELS = 'map<string, string>';

/** The value bound to the `resource` variable: the cluster service plus the policy namespace (namespaced policies). */
export class ResourceHandle {
  constructor(
    readonly service: ResourceService | undefined,
    readonly policyNamespace: string,
  ) {}
}

/** A GroupVersionResource CEL value; fields use the Go names (`Group`, `Version`, `Resource`). */
export class GvrValue {
  constructor(
    readonly Group: string,
    readonly Version: string,
    readonly Resource: string,
  ) {}

  get apiVersion(): string {
    return this.Group === '' ? this.Version : `${this.Group}/${this.Version}`;
  }
}

function service(h: ResourceHandle, action: string): ResourceService {
  if (!h.service) throw new KyvernoCelError(`failed to ${action} resource: no cluster access`);
  return h.service;
}

/** `<resource>.<group>` as in Kubernetes' GroupResource.String(). */
function groupResource(apiVersion: string, resource: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? resource : `${resource}.${apiVersion.slice(0, slash)}`;
}

function getResource(h: ResourceHandle, apiVersion: string, resource: string, ns: string, name: string): unknown {
  let found: JsonObject | undefined;
  try {
    found = service(h, 'get').get(apiVersion, resource, ns, name);
  } catch (e) {
    throw new KyvernoCelError(`failed to get resource: ${errorMessage(e)}`, { cause: e });
  }
  // Kyverno §5.5: not found → null; objects keep integers as CEL ints (§5.2.1).
  return found === undefined ? null : toCel(found, 'int');
}

function listResources(h: ResourceHandle, apiVersion: string, resource: string, ns: string, labels?: unknown): unknown {
  const selector = labels === undefined ? undefined : celToStringMap(labels, 'labels');
  let items: JsonObject[] | undefined;
  try {
    items = service(h, 'list').list(apiVersion, resource, ns, selector);
  } catch (e) {
    throw new KyvernoCelError(`failed to list resource: ${errorMessage(e)}`, { cause: e });
  }
  // Kyverno §5.5 quirk: a GVR without any object is an error for List (but null for Get).
  if (items === undefined) {
    throw new KyvernoCelError(`failed to list resource: ${groupResource(apiVersion, resource)} resource not found`);
  }
  return { items: items.map((i) => toCel(i, 'int')) };
}

function postResource(h: ResourceHandle, apiVersion: string, resource: string, ns: string, data: unknown): unknown {
  const svc = service(h, 'create');
  if (!svc.post) throw new KyvernoCelError('failed to create resource: not supported');
  try {
    return toCel(svc.post(apiVersion, resource, ns, celToObject(data, 'data')), 'int');
  } catch (e) {
    throw new KyvernoCelError(`failed to create resource: ${errorMessage(e)}`, { cause: e });
  }
}

function toGvr(h: ResourceHandle, apiVersion: string, kind: string): GvrValue {
  const gvr = service(h, 'map').toGVR?.(apiVersion, kind);
  if (!gvr) throw new KyvernoCelError(`failed to map kind to resource: no mapping for ${apiVersion} ${kind}`);
  return new GvrValue(gvr.group, gvr.version, gvr.resource);
}

function declare(env: Environment): void {
  declareHandle(env, 'resource', T, ResourceHandle);
  ensureType(env, GVR, GvrValue);
  registerAliases(env, T, ['ToGVR', 'toGVR'], `(string, string): ${GVR}`, toGvr);
}

type H = ResourceHandle;

function registerCluster(env: Environment): void {
  declare(env);
  const get = (n: readonly string[], sig: string, fn: (...a: any[]) => unknown) => registerAliases(env, T, n, sig, fn);
  get(['Get', 'get'], '(string, string, string, string): dyn', getResource);
  get(['Get', 'get'], `(${GVR}, string, string): dyn`, (h: H, g: GvrValue, ns: string, n: string) =>
    getResource(h, g.apiVersion, g.Resource, ns, n),
  );
  get(['List', 'list'], `(string, string, string): ${MAP}`, listResources);
  get(['List', 'list'], `(string, string, string, ${LABELS}): ${MAP}`, listResources);
  get(['List', 'list'], `(${GVR}, string): ${MAP}`, (h: H, g: GvrValue, ns: string) =>
    listResources(h, g.apiVersion, g.Resource, ns),
  );
  get(['List', 'list'], `(${GVR}, string, ${LABELS}): ${MAP}`, (h: H, g: GvrValue, ns: string, l: unknown) =>
    listResources(h, g.apiVersion, g.Resource, ns, l),
  );
  get(['Post', 'post'], `(string, string, string, ${MAP}): ${MAP}`, postResource);
  // Kyverno: the 3-argument Post of cluster policies creates a cluster-scoped object.
  get(['Post', 'post'], `(string, string, ${MAP}): ${MAP}`, (h: H, v: string, r: string, d: unknown) =>
    postResource(h, v, r, '', d),
  );
}

function registerNamespaced(env: Environment): void {
  declare(env);
  const get = (n: readonly string[], sig: string, fn: (...a: any[]) => unknown) => registerAliases(env, T, n, sig, fn);
  get(['Get', 'get'], '(string, string, string): dyn', (h: H, v: string, r: string, n: string) =>
    getResource(h, v, r, h.policyNamespace, n),
  );
  get(['Get', 'get'], `(${GVR}, string): dyn`, (h: H, g: GvrValue, n: string) =>
    getResource(h, g.apiVersion, g.Resource, h.policyNamespace, n),
  );
  get(['List', 'list'], `(string, string): ${MAP}`, (h: H, v: string, r: string) =>
    listResources(h, v, r, h.policyNamespace),
  );
  get(['List', 'list'], `(string, string, ${LABELS}): ${MAP}`, (h: H, v: string, r: string, l: unknown) =>
    listResources(h, v, r, h.policyNamespace, l),
  );
  get(['List', 'list'], `(${GVR}): ${MAP}`, (h: H, g: GvrValue) =>
    listResources(h, g.apiVersion, g.Resource, h.policyNamespace),
  );
  get(['List', 'list'], `(${GVR}, ${LABELS}): ${MAP}`, (h: H, g: GvrValue, l: unknown) =>
    listResources(h, g.apiVersion, g.Resource, h.policyNamespace, l),
  );
  get(['Post', 'post'], `(string, string, ${MAP}): ${MAP}`, (h: H, v: string, r: string, d: unknown) =>
    postResource(h, v, r, h.policyNamespace, d),
  );
}

/** `resource` for cluster-wide CEL policies (explicit namespace arguments). */
export const resourceLibrary: CelLibrary = { name: 'kyverno.resource', register: registerCluster };

/** `resource` for namespaced CEL policies: overloads without the namespace argument use the policy's namespace. */
export const namespacedResourceLibrary: CelLibrary = {
  name: 'kyverno.resource.namespaced',
  register: registerNamespaced,
};
