// Kyverno CLI: the simulated admission request of one CEL policy evaluation (kyverno-cel-semantics §6.3, §5.2.1).
import { cloneJson, isObject, type JsonObject, type JsonValue } from '../../engine/json.js';
import { isClusterScopedKind } from '../../engine/kube/scope.js';
import type { KyvernoCelServices } from '../../engine/cel/kyverno/index.js';
import type { CelRequest } from '../../engine/cel-policy/types.js';
import type { SubresourceSpec } from '../values-file.js';
import { groupOf, pluralResourceOf, versionOf } from './resource-names.js';

/** What the request of one test run depends on besides the resource. */
export interface CelRequestInputs {
  readonly operation: CelRequest['operation'];
  /** `userInfo` of the test's user-info file. */
  readonly userInfo?: JsonObject;
  /** Namespaces listed in the values file, by name. */
  readonly namespaces: ReadonlyMap<string, JsonObject>;
  readonly subresources: readonly SubresourceSpec[];
  /** Plural names of custom kinds (from CRDs among clusterResources). */
  readonly crdPlurals?: ReadonlyMap<string, string>;
  readonly services: KyvernoCelServices;
}

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE']);

/** The operation of a run: the row's, else `request.operation` of globalValues when valid, else CREATE (§6.3). */
export function celOperation(
  rowOperation: string | undefined,
  globalValue: JsonValue | undefined,
): CelRequest['operation'] {
  for (const op of [rowOperation, globalValue])
    if (typeof op === 'string' && OPERATIONS.has(op.toUpperCase())) return op.toUpperCase() as CelRequest['operation'];
  // Kyverno: CONNECT (or anything else) in the values file is simulated as CREATE.
  return 'CREATE';
}

/**
 * The CelRequest for `resource` (trigger numbers become doubles, §5.2.1). `original` is the trigger before any
 * mutation: UPDATE and DELETE take their oldObject from it, since mutations rebind only `object` (§3.3).
 */
export function buildCelRequest(resource: JsonObject, inputs: CelRequestInputs, original = resource): CelRequest {
  const { operation } = inputs;
  const object = operation === 'DELETE' ? null : resource;
  const oldObject = operation === 'CREATE' ? null : operation === 'UPDATE' ? cloneJson(original) : original;
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const namespace = typeof md.namespace === 'string' ? md.namespace : '';
  const clusterScoped = isClusterScopedKind(String(resource.kind)) || namespace === '';
  return {
    operation,
    object,
    oldObject,
    admission: admissionOf(resource, inputs),
    namespaceObject: clusterScoped ? null : (inputs.namespaces.get(namespace) ?? null),
    namespaceLabels: namespaceLabelsFor(resource, namespace, inputs),
    services: inputs.services,
    numbersAsDouble: true,
  };
}

// §2.3 step 1: a Namespace uses its own labels; an unlisted namespace has only kubernetes.io/metadata.name.
function namespaceLabelsFor(resource: JsonObject, namespace: string, inputs: CelRequestInputs): Record<string, string> {
  if (resource.kind === 'Namespace') return labelsOf(resource);
  if (namespace === '') return {};
  const listed = inputs.namespaces.get(namespace);
  return listed ? labelsOf(listed) : { 'kubernetes.io/metadata.name': namespace };
}

function labelsOf(obj: JsonObject): Record<string, string> {
  const labels = isObject(obj.metadata) && isObject(obj.metadata.labels) ? obj.metadata.labels : {};
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
}

function admissionOf(resource: JsonObject, inputs: CelRequestInputs): JsonObject {
  const apiVersion = String(resource.apiVersion ?? '');
  const kind = String(resource.kind ?? '');
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const sub = inputs.subresources.find(
    (s) =>
      s.subresource.kind === kind &&
      s.subresource.group === groupOf(apiVersion) &&
      s.subresource.version === versionOf(apiVersion),
  );
  // Kyverno: a declared subresource is requested through its parent's GVK, with the subresource name set.
  const gvk = sub
    ? { group: sub.parentResource.group, version: sub.parentResource.version, kind: sub.parentResource.kind }
    : { group: groupOf(apiVersion), version: versionOf(apiVersion), kind };
  const resourceName = sub ? sub.parentResource.name : pluralResourceOf(apiVersion, kind, inputs.crdPlurals);
  const gvr = { group: gvk.group, version: gvk.version, resource: resourceName };
  const subResource = sub ? sub.subresource.name.split('/').slice(1).join('/') : '';
  const user = inputs.userInfo ?? {};
  return {
    kind: gvk,
    resource: gvr,
    subResource,
    requestKind: gvk,
    requestResource: gvr,
    requestSubResource: subResource,
    name: String(md.name ?? ''),
    namespace: String(md.namespace ?? ''),
    operation: inputs.operation,
    userInfo: {
      username: String(user.username ?? ''),
      uid: String(user.uid ?? ''),
      groups: Array.isArray(user.groups) ? user.groups.map(String) : [],
      extra: isObject(user.extra) ? user.extra : {},
    },
    dryRun: false,
  };
}
