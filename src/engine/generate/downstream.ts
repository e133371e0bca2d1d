// Turning a body (data or a clone copy) into the downstream object, and deciding create / update / nothing.
import { deepEqual, isObject, type JsonObject } from '../json.js';
import type { ClusterReader } from '../ports.js';
import { applyDownstreamLabels } from './labels.js';
import { carryServerFields, dropServerFields, metadataOf, setMetadataField } from './metadata.js';
import { specStub, type ResourceSpec } from './target.js';
import type { GeneratedResource, GeneratePolicyInfo, GenerateTrigger } from './types.js';

/** What every generation step needs besides the target. */
export interface DownstreamContext {
  readonly trigger: GenerateTrigger;
  readonly policy: GeneratePolicyInfo;
  readonly cluster: ClusterReader;
  readonly synchronize: boolean;
}

/** The downstream object: the body with apiVersion, kind, name and namespace forced to the target, labels stamped. */
export function toDownstream(body: JsonObject, target: ResourceSpec, ctx: DownstreamContext): JsonObject {
  const { apiVersion: _a, kind: _k, ...rest } = structuredClone(body);
  const obj: JsonObject = { apiVersion: target.apiVersion, kind: target.kind, ...rest };
  setMetadataField(obj, 'name', target.name);
  setMetadataField(obj, 'namespace', target.namespace);
  applyDownstreamLabels(obj, ctx.trigger, ctx.policy);
  return obj;
}

/** Create when the target is absent; otherwise update only with synchronize and only when it differs. */
export function planDownstream(
  desired: JsonObject,
  target: ResourceSpec,
  ctx: DownstreamContext,
  // The live object's server fields an update keeps (Kyverno: resourceVersion for data, all of them for clones).
  carried?: readonly string[],
): GeneratedResource {
  const existing = ctx.cluster.getResource(target.apiVersion, target.kind, target.namespace, target.name);
  if (!existing) {
    // Kyverno: a create clears resourceVersion only; clone copies were already cleaned.
    delete metadataOf(desired).resourceVersion;
    return { resource: desired, action: 'create' };
  }
  if (!ctx.synchronize)
    return { resource: existing, action: 'none', reason: 'target exists and synchronize is disabled' };
  if (sameContent(desired, existing))
    return { resource: existing, action: 'none', reason: 'target already up to date' };
  carryServerFields(desired, existing, carried);
  return { resource: desired, action: 'update' };
}

/** An entry for a target that is deliberately left alone (the live object when it exists). */
export function leftAlone(target: ResourceSpec, ctx: DownstreamContext, reason: string): GeneratedResource {
  const existing = ctx.cluster.getResource(target.apiVersion, target.kind, target.namespace, target.name);
  return { resource: existing ?? specStub(target), action: 'none', reason };
}

/** Equal apart from server-owned metadata (uid, resourceVersion, timestamps, managedFields, generation). */
function sameContent(a: JsonObject, b: JsonObject): boolean {
  return deepEqual(comparable(a), comparable(b));
}

function comparable(obj: JsonObject): JsonObject {
  const copy = structuredClone(obj);
  dropServerFields(copy);
  if (isObject(copy.metadata)) delete copy.metadata.generation;
  return copy;
}
