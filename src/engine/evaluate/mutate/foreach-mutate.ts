// Kyverno: spec §8.5 — mutate foreach: patches accumulate on a working copy, element by element.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { evaluateConditions } from '../../conditions/conditions.js';
import { setForeachElement } from '../../context/foreach-element.js';
import { registerContextEntries, type ContextSources } from '../../context/entries.js';
import type { JsonContext } from '../../context/json-context.js';
import { substituteDocument } from '../../variables/substitute.js';
import { applyPatchSpec, patchSpecOf } from './apply-patch.js';

/** What a foreach run needs from its rule. */
export interface ForeachMutateScope {
  readonly ctx: JsonContext;
  readonly sources: ContextSources;
  readonly ruleValues: readonly (readonly [string, JsonValue])[];
}

/** Run the foreach entries over `resource`; returns the patched copy or a rule error message. */
export function runMutateForeach(
  entries: JsonValue,
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth = 0,
): { resource: JsonObject } | { error: string } {
  let working = resource;
  const list = Array.isArray(entries) ? entries.filter(isObject) : [];
  for (let i = 0; i < list.length; i++) {
    const r = runEntry(list[i], working, scope, depth);
    if ('error' in r) return r;
    working = r.resource;
    // Kyverno: request.object is refreshed after each entry, not between elements.
    scope.ctx.setPath('request.object', working);
  }
  return { resource: working };
}

function runEntry(
  fe: JsonObject,
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth: number,
): { resource: JsonObject } | { error: string } {
  const listExpr = String(fe.list ?? '');
  let value: JsonValue;
  try {
    value = scope.ctx.query(listExpr);
  } catch (e) {
    return { error: `failed to evaluate list ${listExpr}: ${(e as Error).message}` };
  }
  const elements = Array.isArray(value) ? value : [value];
  const descending = (fe.order ?? (fe.patchStrategicMerge !== undefined ? 'Descending' : 'Ascending')) === 'Descending';
  const order = elements.map((_, i) => i);
  if (descending) order.reverse();
  let working = resource;
  for (const i of order) {
    if (elements[i] === null) continue;
    const r = runElement(fe, elements[i], i, working, scope, depth);
    // Kyverno wraps an element's error once per foreach level; a list that fails to evaluate is not wrapped.
    if ('error' in r) return { error: `failed to mutate elements: ${r.error}` };
    working = r.resource;
  }
  return { resource: working };
}

function runElement(
  fe: JsonObject,
  element: JsonValue,
  elementIndex: number,
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth: number,
): { resource: JsonObject } | { error: string } {
  const ctx = scope.ctx.fork();
  setForeachElement(ctx, element, elementIndex, depth);
  for (const [k, v] of scope.ruleValues) ctx.setPath(k, v);
  registerContextEntries(fe.context, ctx, scope.sources);
  if (fe.preconditions !== undefined) {
    try {
      if (!evaluateConditions(fe.preconditions as never, (v) => substituteDocument(v, ctx)).result) return { resource };
    } catch (e) {
      return { error: `failed to evaluate mutate.foreach[${elementIndex}].preconditions: ${(e as Error).message}` };
    }
  }
  if (Array.isArray(fe.foreach)) return runMutateForeach(fe.foreach, resource, { ...scope, ctx }, depth + 1);
  let patch;
  try {
    // Kyverno substitutes the foreach entry on its own: paths in errors start at the entry.
    patch = substituteDocument(
      { patchStrategicMerge: fe.patchStrategicMerge ?? null, patchesJson6902: fe.patchesJson6902 ?? null },
      ctx,
    );
  } catch (e) {
    return { error: `variable substitution failed: ${(e as Error).message}` };
  }
  const spec = patchSpecOf(patch);
  return applyPatchSpec(resource, {
    patchStrategicMerge: spec.patchStrategicMerge === null ? undefined : spec.patchStrategicMerge,
    patchesJson6902: spec.patchesJson6902 === null ? undefined : spec.patchesJson6902,
  });
}
