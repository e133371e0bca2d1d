// Kyverno: spec §9.3 — generating by cloning every selected object of some kinds (`cloneList`).
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { labelsOf } from '../match/match.js';
import { compileSelector } from '../match/label-selector.js';
import { cloneObject } from './clone.js';
import { leftAlone, type DownstreamContext } from './downstream.js';
import { GenerateError } from './generate-error.js';
import { objectField, specOf, splitCloneKind, stringField } from './target.js';
import type { GeneratedResource } from './types.js';

/** The `generate.cloneList.kinds` entries; GenerateError when they are not strings. */
export function cloneListKinds(cloneList: JsonObject): string[] {
  const kinds = cloneList.kinds;
  if (kinds === undefined || kinds === null) return [];
  if (!Array.isArray(kinds) || !kinds.every((k) => typeof k === 'string')) {
    throw new GenerateError('generate.cloneList.kinds must be a list of strings');
  }
  return kinds as string[];
}

/** Clone every source of each kind in `cloneList.namespace` matching the selector into `targetNamespace`. */
export function generateCloneList(
  cloneList: JsonObject,
  targetNamespace: string,
  ctx: DownstreamContext,
): GeneratedResource[] {
  const sourceNamespace = stringField(cloneList, 'namespace', 'generate.cloneList');
  const selector = objectField(cloneList, 'selector', 'generate.cloneList');
  const out: GeneratedResource[] = [];
  for (const text of cloneListKinds(cloneList)) {
    const { apiVersion, kind } = splitCloneKind(text);
    for (const source of listSources(apiVersion, kind, sourceNamespace, selector, ctx)) {
      const s = specOf(source);
      const target = { apiVersion: s.apiVersion, kind: s.kind, namespace: targetNamespace, name: s.name };
      // Kyverno: with cloneList, any source already in the target namespace is skipped (not only the same name).
      if (s.namespace === targetNamespace) out.push(leftAlone(target, ctx, 'clone source is in the target namespace'));
      else out.push(...cloneObject(source, target, ctx));
    }
  }
  return out;
}

function listSources(
  apiVersion: string,
  kind: string,
  namespace: string,
  selector: JsonObject | undefined,
  ctx: DownstreamContext,
): JsonObject[] {
  const matchLabels = stringLabels(selector?.matchLabels);
  const compiled = compileSelector(selector ?? {});
  // The port filters by matchLabels; matchExpressions are applied here.
  return ctx.cluster
    .listResources(apiVersion, kind, namespace, matchLabels)
    .filter((o) => compiled.matches(labelsOf(o)));
}

function stringLabels(v: JsonValue | undefined): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x ?? '')]));
}
