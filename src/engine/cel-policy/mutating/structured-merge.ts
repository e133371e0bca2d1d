// Kyverno: kyverno-cel-semantics §3.5 — Server-Side-Apply merge of an apply configuration into an object
// (structured-merge-diff semantics): structs and granular maps merge key-wise, associative and set lists merge
// item-wise (existing order kept, new items placed relative to shared ones, the rest appended), atomic values
// and scalars are replaced.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { fieldNode, type ApplyNode } from './apply-schema.js';

/** Merges `patch` into `live` under `node`; neither input is modified. */
export function mergeApplied(live: JsonValue | undefined, patch: JsonValue, node: ApplyNode): JsonValue {
  if (live === undefined) return patch;
  if (node.type === 'list') {
    if (!Array.isArray(live) || !Array.isArray(patch) || node.listType === 'atomic') return patch;
    return mergeLists(live, patch, node);
  }
  const granular = (node.type === 'struct' || node.type === 'map') && node.atomic !== true;
  if ((granular || node.type === 'deduced') && isObject(live) && isObject(patch)) return mergeFields(live, patch, node);
  return patch;
}

function mergeFields(live: JsonObject, patch: JsonObject, node: ApplyNode): JsonObject {
  const out: JsonObject = { ...live };
  for (const [k, v] of Object.entries(patch)) {
    const merged = mergeApplied(Object.hasOwn(live, k) ? live[k] : undefined, v, fieldNode(node, k));
    Object.defineProperty(out, k, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

type ListNode = Extract<ApplyNode, { type: 'list' }>;

/** The identity of a list item: its key fields (associative lists) or its whole value (sets). */
function itemKey(item: JsonValue, node: ListNode): string {
  if (node.listType !== 'map' || !isObject(item)) return JSON.stringify(item);
  return JSON.stringify(
    (node.keys ?? []).map((k) => (Object.hasOwn(item, k) ? item[k] : (node.keyDefaults?.[k] ?? null))),
  );
}

/**
 * structured-merge-diff's list walk: shared items are merged at the position the patch orders them in, live-only
 * items keep their place, patch-only items are emitted where the patch walk reaches them.
 */
function mergeLists(live: JsonValue[], patch: JsonValue[], node: ListNode): JsonValue[] {
  const liveKeys = live.map((i) => itemKey(i, node));
  const patchKeys = patch.map((i) => itemKey(i, node));
  const liveByKey = new Map(liveKeys.map((k, i) => [k, live[i]]));
  const inPatch = new Set(patchKeys);
  const shared = patchKeys.filter((k) => liveByKey.has(k));
  const done = new Set<string>();
  const out: JsonValue[] = [];
  const takePatch = (r: number) => {
    const key = patchKeys[r];
    done.add(key);
    out.push(merged(liveByKey.get(key), patch[r], node));
    if (shared[0] === key) shared.shift();
  };
  for (let l = 0, r = 0; l < live.length || r < patch.length;) {
    const lk = liveKeys[l];
    if (l < live.length && r < patch.length) {
      if (lk === patchKeys[r]) {
        takePatch(r++);
        l++;
        continue;
      }
      // A shared item that is not the next one in patch order is emitted when the patch walk reaches it.
      if (inPatch.has(lk) && shared.length > 0 && shared[0] !== lk) {
        l++;
        continue;
      }
    }
    if (l < live.length && (!inPatch.has(lk) || done.has(lk) || r >= patch.length)) {
      if (!inPatch.has(lk)) out.push(live[l]);
      l++;
      continue;
    }
    takePatch(r++);
  }
  return out;
}

function merged(live: JsonValue | undefined, patch: JsonValue, node: ListNode): JsonValue {
  if (node.listType === 'set') return patch;
  return live === undefined ? patch : mergeApplied(live, patch, node.items);
}
