// Kyverno: spec §10.3 — rewriting the kinds of a generated rule's match and exclude blocks.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { containsKind, kindList } from './kinds.js';

/** Which `any`/`all` filters get the new kinds: only those listing Pod, or every filter. */
export type FilterScope = 'podFilters' | 'allFilters';

/** A match block with its kinds replaced: in `any` (else `all`) filters per scope, else in legacy `resources`. */
export function rewriteMatchKinds(match: JsonValue | undefined, kinds: string[], scope: FilterScope): JsonObject {
  const block = isObject(match) ? { ...match } : {};
  if (!rewriteFilterLists(block, kinds, scope)) block.resources = withKinds(block.resources, kinds);
  return block;
}

/** An exclude block with its kinds replaced; legacy `resources` only when it already lists kinds. */
export function rewriteExcludeKinds(exclude: JsonObject, kinds: string[], scope: FilterScope): JsonObject {
  const block = { ...exclude };
  if (rewriteFilterLists(block, kinds, scope)) return block;
  if (isObject(block.resources) && kindList(block.resources.kinds).length > 0)
    block.resources = withKinds(block.resources, kinds);
  return block;
}

/** Rewrite `any` if non-empty, else `all` if non-empty; false when neither is used. */
function rewriteFilterLists(block: JsonObject, kinds: string[], scope: FilterScope): boolean {
  for (const key of ['any', 'all']) {
    const filters = block[key];
    if (Array.isArray(filters) && filters.length > 0) {
      block[key] = filters.map((f) => rewriteFilter(f, kinds, scope));
      return true;
    }
  }
  return false;
}

function rewriteFilter(filter: JsonValue, kinds: string[], scope: FilterScope): JsonValue {
  if (!isObject(filter)) return filter;
  const resources = isObject(filter.resources) ? filter.resources : undefined;
  if (scope === 'podFilters' && !containsKind(kindList(resources?.kinds), 'Pod')) return filter;
  return { ...filter, resources: withKinds(resources, kinds) };
}

function withKinds(resources: JsonValue | undefined, kinds: string[]): JsonObject {
  return { ...(isObject(resources) ? resources : {}), kinds: [...kinds] };
}
