// Kyverno: spec §9.1 — load-time checks of `cloneList` (kinds, source namespace by scope, selector).
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { isClusterScopedKind } from '../kube/scope.js';
import { checkSelector } from '../match/label-selector.js';
import type { GenerateProblem } from './check.js';
import { splitCloneKind } from './target.js';

type Path = (string | number)[];

/** Problems of a cloneList block: kinds must be strings of one scope; namespace required or forbidden by that scope. */
export function checkCloneList(cloneList: JsonObject, path: Path): GenerateProblem[] {
  const kinds = cloneList.kinds;
  if (kinds === undefined || kinds === null) return checkSelectorField(cloneList.selector, [...path, 'selector']);
  if (!Array.isArray(kinds) || !kinds.every((k) => typeof k === 'string')) {
    return [{ path: [...path, 'kinds'], message: 'kinds must be a list of strings' }];
  }
  return [
    ...checkScope(kinds as string[], cloneList.namespace, path),
    ...checkSelectorField(cloneList.selector, [...path, 'selector']),
  ];
}

function checkScope(kinds: string[], namespace: JsonValue | undefined, path: Path): GenerateProblem[] {
  if (kinds.length === 0) return [];
  if (namespace !== undefined && namespace !== null && typeof namespace !== 'string') {
    return [{ path: [...path, 'namespace'], message: 'namespace must be a string' }];
  }
  const scopes = kinds.map((k) => isClusterScopedKind(splitCloneKind(k).kind));
  if (scopes.some((s) => s !== scopes[0])) {
    return [{ path: [...path, 'kinds'], message: 'mixed scope of target resources is forbidden' }];
  }
  const ns = namespace ?? '';
  if (!scopes[0] && ns === '') {
    return [{ path: [...path, 'namespace'], message: 'namespace is required for namespaced target resources' }];
  }
  if (scopes[0] && ns !== '') {
    return [{ path: [...path, 'namespace'], message: 'namespace is forbidden for cluster-wide target resources' }];
  }
  return [];
}

function checkSelectorField(selector: JsonValue | undefined, path: Path): GenerateProblem[] {
  if (selector === undefined || selector === null) return [];
  const shape = checkSelector(selector).map((message) => ({ path, message }));
  if (shape.length > 0) return shape;
  // Kyverno: cloneList selectors go to the API server, which knows no wildcards.
  return hasWildcardText(selector) ? [{ path, message: 'wildcard characters `*/?` not supported' }] : [];
}

function hasWildcardText(v: JsonValue): boolean {
  if (typeof v === 'string') return v.includes('*') || v.includes('?');
  if (Array.isArray(v)) return v.some(hasWildcardText);
  if (isObject(v)) return Object.entries(v).some(([k, x]) => hasWildcardText(k) || hasWildcardText(x));
  return false;
}
