// Kyverno: spec §9.3 — generating from `data`.
import { isObject, type JsonObject } from '../json.js';
import { planDownstream, toDownstream, type DownstreamContext } from './downstream.js';
import { GenerateError } from './generate-error.js';
import type { ResourceSpec } from './target.js';
import type { GeneratedResource } from './types.js';

/** The downstream object built from `generate.data`; nothing when data is absent (Kyverno skips silently). */
export function generateFromData(
  generate: JsonObject,
  target: ResourceSpec,
  ctx: DownstreamContext,
): GeneratedResource[] {
  const data = Object.hasOwn(generate, 'data') ? generate.data : undefined;
  if (data === undefined || data === null) return [];
  if (!isObject(data)) throw new GenerateError('generate.data must be an object');
  const desired = toDownstream(data, target, ctx);
  // Kyverno: a data update keeps only the live resourceVersion.
  return [planDownstream(desired, target, ctx, ['resourceVersion'])];
}
