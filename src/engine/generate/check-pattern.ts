// Kyverno: spec §9.1 — load-time checks of one generate pattern (the rule's, or one foreach entry's).
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { isClusterScopedKind } from '../kube/scope.js';
import { isAnchorKey } from '../pattern/anchor.js';
import { checkCloneList } from './check-clone-list.js';
import type { GenerateProblem } from './check.js';

type Path = (string | number)[];

const STRING_FIELDS = ['apiVersion', 'kind', 'name', 'namespace'];
const IDENTITY = ['kind', 'name', 'apiVersion'];
const VARIABLE = /\{\{.*?\}\}/s;

/** Problems of one pattern: field types, target identity, namespace by scope, variables, cloneList, data anchors. */
export function checkPattern(p: JsonObject, path: Path): GenerateProblem[] {
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];
  const typeProblems = STRING_FIELDS.filter((f) => !absent(p[f]) && typeof p[f] !== 'string').map((f) => ({
    path: at(f),
    message: `${f} must be a string`,
  }));
  if (typeProblems.length > 0) return typeProblems;
  const cloneList = isObject(p.cloneList) ? p.cloneList : undefined;
  const usesCloneList = Array.isArray(cloneList?.kinds) && cloneList.kinds.length > 0;
  return [
    ...checkObjectField(p, 'clone', at),
    ...checkObjectField(p, 'cloneList', at),
    ...checkVariables(p, at),
    ...(usesCloneList ? checkNoIdentity(p, at) : checkIdentity(p, at)),
    ...checkNamespaceScope(p, at),
    ...(cloneList ? checkCloneList(cloneList, at('cloneList')) : []),
    ...checkData(p.data, at('data')),
  ];
}

function checkObjectField(p: JsonObject, key: string, at: (...r: string[]) => Path): GenerateProblem[] {
  return absent(p[key]) || isObject(p[key]) ? [] : [{ path: at(key), message: `${key} must be an object` }];
}

// Kyverno: kind, apiVersion, clone and cloneList are resolved when the policy is admitted, so no variables there.
function checkVariables(p: JsonObject, at: (...r: string[]) => Path): GenerateProblem[] {
  return ['kind', 'apiVersion', 'clone', 'cloneList']
    .filter((f) => !absent(p[f]) && VARIABLE.test(JSON.stringify(p[f])))
    .map((f) => ({ path: at(f), message: 'Generation Rule Clone/CloneList should not have variables' }));
}

function checkIdentity(p: JsonObject, at: (...r: string[]) => Path): GenerateProblem[] {
  return IDENTITY.filter((f) => !p[f]).map((f) => ({ path: at(f), message: `${f} can not be empty` }));
}

function checkNoIdentity(p: JsonObject, at: (...r: string[]) => Path): GenerateProblem[] {
  return ['name', 'kind']
    .filter((f) => !!p[f])
    .map((f) => ({ path: at(f), message: `with cloneList, generate.${f} should not be specified` }));
}

// Kyverno: unknown kinds and CRDs count as namespaced (spec §0.5); a kind with variables is not knowable.
function checkNamespaceScope(p: JsonObject, at: (...r: string[]) => Path): GenerateProblem[] {
  const kind = typeof p.kind === 'string' ? p.kind : '';
  if (kind === '' || VARIABLE.test(kind)) return [];
  const namespace = typeof p.namespace === 'string' ? p.namespace : '';
  if (isClusterScopedKind(kind) && namespace !== '') {
    return [{ path: at('namespace'), message: 'target namespace must not be set for a cluster-wide resource' }];
  }
  if (!isClusterScopedKind(kind) && namespace === '') {
    return [{ path: at('namespace'), message: 'target namespace must be set for a namespaced resource' }];
  }
  return [];
}

function checkData(data: JsonValue | undefined, path: Path): GenerateProblem[] {
  if (absent(data)) return [];
  if (!isObject(data)) return [{ path, message: 'data must be an object' }];
  return findAnchors(data, path).map((p) => ({
    path: p,
    message: `anchors not supported on generate resources: ${String(p[p.length - 1])}`,
  }));
}

function findAnchors(v: JsonValue, path: Path): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => findAnchors(x, [...path, i]));
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (isAnchorKey(k) ? [[...path, k]] : findAnchors(x, [...path, k])));
}

function absent(v: JsonValue | undefined): boolean {
  return v === undefined || v === null;
}
