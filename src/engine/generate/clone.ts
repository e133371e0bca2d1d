// Kyverno: spec §9.3 — generating by cloning one source object.
import type { JsonObject } from '../json.js';
import { leftAlone, planDownstream, toDownstream, type DownstreamContext } from './downstream.js';
import { GenerateError } from './generate-error.js';
import { applyCloneSourceLabels, tagCloneSource } from './labels.js';
import { dropServerFields, metadataOf } from './metadata.js';
import { describeSpec, specOf, type ResourceSpec } from './target.js';
import type { GeneratedResource } from './types.js';

/** Clone `source` (same apiVersion/kind as the target) into the target; self-clones are skipped. */
export function generateClone(target: ResourceSpec, source: ResourceSpec, ctx: DownstreamContext): GeneratedResource[] {
  if (source.namespace === target.namespace && source.name === target.name) {
    return [leftAlone(target, ctx, 'clone source is the target itself')];
  }
  const sourceObj = ctx.cluster.getResource(source.apiVersion, source.kind, source.namespace, source.name);
  if (!sourceObj) throw new GenerateError(`clone source ${describeSpec(source)} not found`);
  return cloneObject(sourceObj, target, ctx);
}

/** Copy a fetched source object into the target, plus the entry that tags the source when it is not tagged yet. */
export function cloneObject(sourceObj: JsonObject, target: ResourceSpec, ctx: DownstreamContext): GeneratedResource[] {
  const tagged = tagCloneSource(sourceObj);
  // Kyverno: the copy is taken after the source was tagged, so the clone carries `clone-source: ""` as well.
  const copy = structuredClone(tagged ?? sourceObj);
  applyCloneSourceLabels(copy, sourceObj);
  if (specOf(sourceObj).namespace !== target.namespace) delete metadataOf(copy).ownerReferences;
  dropServerFields(copy);
  const out = [planDownstream(toDownstream(copy, target, ctx), target, ctx)];
  if (tagged) {
    out.push({
      resource: tagged,
      action: 'update',
      reason: 'clone source gets the generate.kyverno.io/clone-source label',
      cloneSource: true,
    });
  }
  return out;
}
