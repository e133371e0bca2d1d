// Kyverno: spec §8.5 — mutate foreach: patches accumulate on a working copy, element by element.
import { deepEqual, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { evaluateConditions } from '../../conditions/conditions.js';
import { setForeachElement } from '../../context/foreach-element.js';
import { registerContextEntries, type ContextSources } from '../../context/entries.js';
import type { JsonContext } from '../../context/json-context.js';
import { substituteDocument } from '../../variables/substitute.js';
import { applyPatchDocument } from './apply-patch.js';
import type { CompiledMutateForeach } from '../../compile/compiled-rule.js';

/** What a foreach run needs from its rule. */
export interface ForeachMutateScope {
  readonly ctx: JsonContext;
  readonly sources: ContextSources;
  readonly ruleValues: readonly (readonly [string, JsonValue])[];
  /** The trigger as Kyverno's CLI loaded it (its numbers float64); undefined in admission. */
  readonly loaded?: JsonObject;
}

/** A foreach run: the resource after it, and how many entries changed it (Kyverno's "N elements processed"). */
export interface ForeachMutation {
  readonly resource: JsonObject;
  readonly applied: number;
}

/** Run the foreach entries over `resource`; returns the patched resource or a rule error message. */
export function runMutateForeach(
  entries: readonly CompiledMutateForeach[],
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth = 0,
): ForeachMutation | { error: string } {
  let working = resource;
  let applied = 0;
  for (let i = 0; i < entries.length; i++) {
    const r = runEntry(entries[i], working, scope, depth);
    if ('error' in r) return r;
    if (!r.changed) continue;
    applied++;
    working = r.resource;
    // Kyverno: request.object is refreshed after each entry that changed the resource, not between elements.
    scope.ctx.setPath('request.object', working);
  }
  return { resource: working, applied };
}

/**
 * Kyverno compares an entry's start and end as Go values. A patched resource is re-read from JSON (integers are
 * int64), but the resource the CLI loaded has float64 numbers: once an element has patched it, the entry counts as
 * a change whenever the loaded resource holds an integer, even when the patches cancel out (a list reordered and
 * restored).
 */
function entryChanged(start: JsonObject, end: JsonObject, patched: boolean, scope: ForeachMutateScope): boolean {
  if (!patched) return false;
  return !deepEqual(start, end) || (start === scope.loaded && holdsInteger(start));
}

function holdsInteger(v: JsonValue): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  if (Array.isArray(v)) return v.some(holdsInteger);
  return isObject(v) && Object.values(v).some(holdsInteger);
}

function runEntry(
  fe: CompiledMutateForeach,
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth: number,
): { resource: JsonObject; changed: boolean } | { error: string } {
  let value: JsonValue;
  try {
    value = scope.ctx.query(fe.list);
  } catch (e) {
    return { error: `failed to evaluate list ${fe.list}: ${(e as Error).message}` };
  }
  const elements = Array.isArray(value) ? value : [value];
  const order = elements.map((_, i) => i);
  if (fe.descending) order.reverse();
  let working = resource;
  let patched = 0;
  for (const i of order) {
    if (elements[i] === null) continue;
    const r = runElement(fe, elements[i], i, working, scope, depth);
    // Kyverno wraps an element's error once per foreach level; a list that fails to evaluate is not wrapped.
    if ('error' in r) return { error: `failed to mutate elements: ${r.error}` };
    // An element counts when its patch changed the resource's JSON (list order included).
    if (!r.changed) continue;
    patched++;
    working = r.resource;
  }
  // One element that changed the resource changed the entry: only several may cancel out.
  return { resource: working, changed: patched === 1 || entryChanged(resource, working, patched > 0, scope) };
}

function runElement(
  fe: CompiledMutateForeach,
  element: JsonValue,
  elementIndex: number,
  resource: JsonObject,
  scope: ForeachMutateScope,
  depth: number,
): { resource: JsonObject; changed: boolean } | { error: string } {
  const ctx = scope.ctx.fork();
  setForeachElement(ctx, element, elementIndex, depth);
  for (let i = 0; i < scope.ruleValues.length; i++) ctx.setPath(scope.ruleValues[i][0], scope.ruleValues[i][1]);
  registerContextEntries(fe.context, ctx, scope.sources);
  if (fe.preconditions !== undefined) {
    try {
      if (!evaluateConditions(fe.preconditions, ctx).result) return { resource, changed: false };
    } catch (e) {
      return { error: `failed to evaluate mutate.foreach[${elementIndex}].preconditions: ${(e as Error).message}` };
    }
  }
  if (fe.foreach) {
    const inner = runMutateForeach(fe.foreach, resource, { ...scope, ctx }, depth + 1);
    return 'error' in inner ? inner : { resource: inner.resource, changed: inner.applied > 0 };
  }
  let patch;
  try {
    // Kyverno substitutes the foreach entry on its own: paths in errors start at the entry.
    patch = substituteDocument(fe.patches, ctx);
  } catch (e) {
    return { error: `variable substitution failed: ${(e as Error).message}` };
  }
  const r = applyPatchDocument(resource, patch);
  return 'error' in r ? r : { resource: r.resource, changed: r.changed };
}
