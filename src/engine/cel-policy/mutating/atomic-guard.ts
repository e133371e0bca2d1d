// Kyverno: kyverno-cel-semantics §3.5 "Atomic guard" — without `useServerSideApply`, an apply configuration
// may not contain any atomic list, map or struct (the merge would silently drop the fields it does not name).
import { isObject, type JsonValue } from '../../json.js';
import { fieldNode, type ApplyNode } from './apply-schema.js';

/** Field paths (`.spec.containers[0].args`) of the atomic values in `patch`, in document order. */
export function atomicPaths(patch: JsonValue, node: ApplyNode, path = ''): string[] {
  if (node.type === 'list' && Array.isArray(patch)) {
    const own = node.listType === 'atomic' ? [path] : [];
    return [...own, ...patch.flatMap((item, i) => atomicPaths(item, node.items, `${path}[${i}]`))];
  }
  if ((node.type === 'struct' || node.type === 'map') && isObject(patch)) {
    const own = node.atomic === true ? [path] : [];
    const nested = Object.entries(patch).flatMap(([k, v]) => atomicPaths(v, fieldNode(node, k), `${path}.${k}`));
    return [...own, ...nested];
  }
  return [];
}
