// Kyverno: spec §8.3 stage 2 "Lists" — kustomize's associative list merge with ListIncreaseDirection=Prepend
// (walk/associative_sequence.go), step by step: which elements survive, and in which order, follows from each step.
import { isObject, type JsonValue } from '../../json.js';
import {
  fieldOf,
  isEmptyMap,
  isMissingOrNull,
  isNilOrEmpty,
  plainScalar,
  scalarText,
  setOwn,
  wrongKind,
  type Node,
} from './kyaml-node.js';
import { takeDirective } from './merge-directives.js';
import { appendListNode, findElement, setElement } from './merge-elements.js';
import type { MergeSchema } from './merge-schema.js';
import { ownList, type Owned } from './merge-owned.js';
import type { Sources } from './merge-walk.js';

type Walk = (sources: Sources, schema: MergeSchema | undefined, owned: Owned) => Node;

/**
 * Merge an associative list (schema strategy `merge`); mutates and returns the dest list (an owned copy of the
 * resource's), undefined when cleared.
 */
export function walkAssociativeList(sources: Sources, schema: MergeSchema, walk: Walk, owned: Owned): Node {
  const visited = visitList(sources);
  const dest = Array.isArray(visited) ? ownList(visited, owned) : visited;
  sources[0] = dest;
  if (dest === undefined) return undefined;
  const keys = schema.keys ?? [];
  const values = elementValues(sources, keys);
  if (values.length > 0 || keys.length > 0) return setElements(sources, values, keys, schema.items, walk, owned);
  return setElements(sources, primitiveValues(sources), [''], schema.items, walk, owned);
}

/** merge2 Merger.VisitList for associative lists: add, clear, or merge according to `$patch`. */
function visitList([dest, origin]: Sources): Node {
  if (isMissingOrNull(dest)) return origin;
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  return directive === 'replace' ? origin : dest;
}

/** kyaml elementValues: each element's merge-key texts ('' when unset), patch first (Prepend), deduplicated. */
function elementValues([dest, origin]: Sources, keys: readonly string[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const src of [origin, dest]) {
    if (!Array.isArray(src)) continue;
    for (const e of src) {
      const tuple = keys.map((k) => keyText(e, k));
      const id = JSON.stringify(tuple);
      if (tuple.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push(tuple);
    }
  }
  return out;
}

/** The text of an element's merge key as kyaml compares it: '' when unset, null, `{}` or `[]`. */
export function keyText(element: JsonValue, key: string): string {
  const f = fieldOf(element, key);
  return isNilOrEmpty(f) ? '' : scalarText(f as JsonValue);
}

/** kyaml elementPrimitiveValues: the elements' scalar texts (e.g. `finalizers`), patch first, deduplicated. */
function primitiveValues([dest, origin]: Sources): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const src of [origin, dest]) {
    if (!Array.isArray(src)) continue;
    for (const e of src) {
      const text = scalarText(e);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push([text]);
    }
  }
  return out;
}

/** kyaml setAssociativeSequenceElements: merge element by element, then put the resource's elements after. */
function setElements(
  sources: Sources,
  valuesList: string[][],
  keys: readonly string[],
  items: MergeSchema | undefined,
  walk: Walk,
  owned: Owned,
): Node {
  const dest = sources[0] as JsonValue[];
  const added: JsonValue[] = [];
  if (keys.length > 1) mergeValues(valuesList);
  let validKeys: string[] = [];
  for (const values of valuesList) {
    if (values.length === 0) continue;
    let validValues: string[];
    [validKeys, validValues] = validateKeys(valuesList, values, keys);
    const [k, v] = validateKeys([validValues], validValues, validKeys);
    const val = walk([findElement(sources[0], k, v), findElement(sources[1], k, v)], items, owned);
    if (isMissingOrNull(val) || isEmptyMap(val)) {
      setElement(dest, undefined, validKeys, validValues);
      continue;
    }
    validKeys.forEach((key, i) => restoreKey(val, key, validValues[i]));
    setElement(added, val, validKeys, validValues);
  }
  // Prepend: the resource's elements are set into the merged ones, by the keys of the last tuple visited.
  return valuesList.length === 0 ? dest : appendListNode(added, dest, validKeys);
}

/** kyaml sets a merge key the merged element lost back on it, with a FieldSetter (key '' sets the scalar itself). */
function restoreKey(val: JsonValue, key: string, value: string): void {
  if (fieldOf(val, key) !== undefined || value === '') return;
  if (key === '') {
    if (val !== null && typeof val === 'object') throw wrongKind('ScalarNode', val);
    return;
  }
  if (!isObject(val)) throw wrongKind('MappingNode', val);
  setOwn(val, key, plainScalar(value));
}

/**
 * kyaml mergeValues, in place: two key tuples that share a value and differ only where one of them is empty name
 * the same element (a container port with and without its protocol), so both become the filled-in tuple.
 */
function mergeValues(valuesList: string[][]): void {
  for (let i = 0; i < valuesList.length; i++) {
    const values1 = valuesList[i];
    for (let j = 0; j < valuesList.length; j++) {
      const merged = matchValues(values1, valuesList[j]);
      if (merged) {
        valuesList[i] = merged;
        valuesList[j] = merged;
      }
    }
  }
}

function matchValues(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const out: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      out.push(a[i]);
    } else if (a[i] !== '' && b[i] !== '') return undefined;
    else out.push(a[i] !== '' ? a[i] : b[i]);
  }
  return common ? out : undefined;
}

/** kyaml validateKeys: the keys some tuple of the list gives a value (all keys when none does), with `values`' texts. */
function validateKeys(
  valuesList: readonly string[][],
  values: readonly string[],
  keys: readonly string[],
): [string[], string[]] {
  const valid = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => v !== '' && valid.add(keys[i]));
  if (valid.size === 0) return [[...keys], [...values]];
  return [keys.filter((k) => valid.has(k)), values.filter((v, i) => v !== '' || valid.has(keys[i]))];
}
