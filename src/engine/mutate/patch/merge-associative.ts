// Kyverno: spec §8.3 stage 2 "Lists" — kustomize's associative list merge with ListIncreaseDirection=Prepend
// (walk/associative_sequence.go): patch elements first, in patch order, then the remaining resource elements.
import { isObject, type JsonValue } from '../../json.js';
import {
  fieldOf,
  isEmptyMap,
  isMissingOrNull,
  isNilOrEmpty,
  plainScalar,
  scalarText,
  setOwn,
  type Node,
} from './kyaml-node.js';
import { takeDirective } from './merge-directives.js';
import { appendListNode, findElement, setElement } from './merge-elements.js';
import type { MergeSchema } from './merge-schema.js';
import type { Sources } from './merge-walk.js';

type Walk = (sources: Sources, schema: MergeSchema | undefined) => Node;

/** Merge an associative list (schema strategy `merge`); mutates and returns the dest list, undefined when cleared. */
export function walkAssociativeList(sources: Sources, schema: MergeSchema, walk: Walk): Node {
  const dest = visitList(sources);
  sources[0] = dest;
  if (dest === undefined) return undefined;
  const keys = schema.keys ?? [];
  const values = elementKeyValues(sources, keys);
  if (values.length > 0 || keys.length > 0) return mergeByKeys(sources, values, keys, schema.items, walk);
  return mergePrimitives(sources, primitiveValues(sources), schema.items, walk);
}

/** merge2 Merger.VisitList for associative lists: add, clear, or merge according to `$patch`. */
function visitList([dest, origin]: Sources): Node {
  if (isMissingOrNull(dest)) return origin;
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  return directive === 'replace' ? origin : dest;
}

/** Patch first, then resource (Prepend): every element's merge-key texts, deduplicated, in order. */
function elementKeyValues([dest, origin]: Sources, keys: readonly string[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const src of [origin, dest]) {
    if (!Array.isArray(src)) continue;
    for (const e of src) {
      const tuple = keys.map((k) => {
        const f = fieldOf(e, k);
        return isNilOrEmpty(f) ? '' : scalarText(f as JsonValue);
      });
      const id = JSON.stringify(tuple);
      if (tuple.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push(tuple);
    }
  }
  return out;
}

/** kyaml validateKeys: only the keys that have a value, else all of them. */
function presentKeys(value: readonly string[], keys: readonly string[]): [string[], string[]] {
  const idx = value.map((_, i) => i).filter((i) => value[i] !== '');
  if (idx.length === 0) return [[...keys], [...value]];
  return [idx.map((i) => keys[i]), idx.map((i) => value[i])];
}

function mergeByKeys(
  sources: Sources,
  values: string[][],
  keys: readonly string[],
  items: MergeSchema | undefined,
  walk: Walk,
): Node {
  const dest = sources[0] as JsonValue[];
  const added: JsonValue[] = [];
  for (const value of values) {
    const [vk, vv] = presentKeys(value, keys);
    const val = walk([findElement(sources[0], vk, vv), findElement(sources[1], vk, vv)], items);
    if (isMissingOrNull(val) || isEmptyMap(val)) {
      setElement(dest, undefined, vk, vv);
      continue;
    }
    vk.forEach((k, i) => {
      if (isObject(val) && !Object.hasOwn(val, k)) setOwn(val, k, plainScalar(vv[i]));
    });
    setElement(added, val, vk, vv);
  }
  // kyaml appends once, after the loop, by the keys of the last element it visited.
  if (values.length === 0) return dest;
  return appendListNode(added, dest, presentKeys(values[values.length - 1], keys)[0]);
}

/** Scalar texts of a primitive associative list (e.g. `finalizers`), patch first, deduplicated. */
function primitiveValues([dest, origin]: Sources): string[] {
  const seen = new Set<string>();
  for (const src of [origin, dest]) if (Array.isArray(src)) for (const e of src) seen.add(scalarText(e));
  return [...seen];
}

function mergePrimitives(sources: Sources, values: string[], items: MergeSchema | undefined, walk: Walk): Node {
  const dest = sources[0] as JsonValue[];
  const added: JsonValue[] = [];
  for (const value of values) {
    const val = walk([findElement(sources[0], [''], [value]), findElement(sources[1], [''], [value])], items);
    if (isMissingOrNull(val) || isEmptyMap(val)) {
      setElement(dest, undefined, [''], [value]);
      continue;
    }
    if (isObject(val) && !Object.hasOwn(val, '')) setOwn(val, '', plainScalar(value));
    setElement(added, val, [''], [value]);
  }
  return appendListNode(added, dest, ['']);
}
