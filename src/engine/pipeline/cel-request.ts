// The request as the CEL policy kinds see it (kyverno-cel-semantics §5.2): from an AdmissionReview in admission,
// simulated the way Kyverno's CLI does it otherwise (§6.3).
import { cloneJson, isObject, type JsonObject } from '../json.js';
import { isClusterScopedKind } from '../kube/scope.js';
import { groupOf, pluralResourceOf, versionOf } from '../kube/rest-mapping.js';
import { labelsOf } from '../match/match.js';
import type { KyvernoCelServices } from '../cel/kyverno/services.js';
import type { CelRequest } from '../cel-policy/types.js';
import type { EvaluationServices, PolicyRequest, RestMapping } from './types.js';

type Operation = CelRequest['operation'];

/** The CelRequest of an admission request, for `object` as it currently stands (mutations rebind only `object`). */
export function admissionCelRequest(
  request: PolicyRequest,
  object: JsonObject | null,
  services: EvaluationServices,
): CelRequest {
  const admission = request.admission ?? {};
  const ns = typeof admission.namespace === 'string' ? admission.namespace : '';
  const kind = isObject(admission.kind) ? admission.kind : {};
  const isNamespace = kind.kind === 'Namespace' && (kind.group ?? '') === '';
  const own = object ?? request.oldObject ?? null;
  const known = ns && !isNamespace ? services.namespaces?.(ns) : undefined;
  const labels = known ? labelsOf(known) : defaultLabels(ns);
  return {
    operation: (request.operation ?? 'CREATE') as Operation,
    object,
    oldObject: request.oldObject ?? null,
    admission,
    // Without the cluster's Namespace object, the name and known labels are all there is.
    namespaceObject: ns && !isNamespace ? (known ?? namespaceStub(ns, labels)) : null,
    // A Namespace is selected by its own labels, anything else by its namespace's (§2.3 step 1).
    namespaceLabels: isNamespace ? (own ? labelsOf(own) : {}) : ns ? labels : {},
    services: celServices(services),
    numbersAsDouble: request.celNumbers === 'double',
    memo: {},
  };
}

/**
 * The CelRequest the Kyverno CLI simulates for `resource` (trigger numbers are doubles unless the request says
 * otherwise, §5.2.1). `original` is the trigger before any mutation: UPDATE and DELETE take their oldObject from it,
 * since mutations rebind only `object` (§3.3).
 */
export function cliCelRequest(
  request: PolicyRequest,
  resource: JsonObject,
  original: JsonObject,
  services: EvaluationServices,
): CelRequest {
  const operation = (request.operation ?? 'CREATE') as Operation;
  const object = operation === 'DELETE' ? null : resource;
  const oldObject = operation === 'CREATE' ? null : operation === 'UPDATE' ? cloneJson(original) : original;
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const namespace = typeof md.namespace === 'string' ? md.namespace : '';
  const clusterScoped = isClusterScopedKind(String(resource.kind)) || namespace === '';
  const listed = clusterScoped ? undefined : services.namespaces?.(namespace);
  return {
    operation,
    object,
    oldObject,
    admission: simulatedAdmission(resource, operation, request.user?.userInfo, services.restMapping),
    namespaceObject: listed ?? null,
    namespaceLabels: cliNamespaceLabels(resource, namespace, listed),
    services: celServices(services),
    numbersAsDouble: (request.celNumbers ?? 'double') === 'double',
    memo: {},
  };
}

// §2.3 step 1: a Namespace uses its own labels; an unlisted namespace has only kubernetes.io/metadata.name.
function cliNamespaceLabels(
  resource: JsonObject,
  namespace: string,
  listed: JsonObject | undefined,
): Record<string, string> {
  if (resource.kind === 'Namespace') return labelsOf(resource);
  if (namespace === '') return {};
  return listed ? labelsOf(listed) : defaultLabels(namespace);
}

// §6.3: GVK and GVR from the resource (a declared subresource goes through its parent), name, namespace, userInfo.
function simulatedAdmission(
  resource: JsonObject,
  operation: Operation,
  userInfo: JsonObject | undefined,
  mapping: RestMapping | undefined,
): JsonObject {
  const apiVersion = String(resource.apiVersion ?? '');
  const kind = String(resource.kind ?? '');
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const sub = mapping?.subresources?.find(
    (s) =>
      s.subresource.kind === kind &&
      s.subresource.group === groupOf(apiVersion) &&
      s.subresource.version === versionOf(apiVersion),
  );
  // Kyverno: a declared subresource is requested through its parent's GVK, with the subresource name set.
  const gvk = sub
    ? { group: sub.parentResource.group, version: sub.parentResource.version, kind: sub.parentResource.kind }
    : { group: groupOf(apiVersion), version: versionOf(apiVersion), kind };
  const resourceName = sub ? sub.parentResource.name : pluralResourceOf(apiVersion, kind, mapping?.crdPlurals);
  const gvr = { group: gvk.group, version: gvk.version, resource: resourceName };
  const subResource = sub ? sub.subresource.name.split('/').slice(1).join('/') : '';
  const user = userInfo ?? {};
  return {
    kind: gvk,
    resource: gvr,
    subResource,
    requestKind: gvk,
    requestResource: gvr,
    requestSubResource: subResource,
    name: String(md.name ?? ''),
    namespace: String(md.namespace ?? ''),
    operation,
    userInfo: {
      username: String(user.username ?? ''),
      uid: String(user.uid ?? ''),
      groups: Array.isArray(user.groups) ? user.groups.map(String) : [],
      extra: isObject(user.extra) ? user.extra : {},
    },
    dryRun: false,
  };
}

function namespaceStub(name: string, labels: Record<string, string>): JsonObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels } } };
}

// Kubernetes labels every namespace with its name.
function defaultLabels(name: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': name };
}

// The libraries keep handles per services object, so one object serves every request of a driver.
const servicesOf = new WeakMap<EvaluationServices, KyvernoCelServices>();

function celServices(services: EvaluationServices): KyvernoCelServices {
  let found = servicesOf.get(services);
  if (!found) servicesOf.set(services, (found = { ...services.cel, clock: services.clock }));
  return found;
}
