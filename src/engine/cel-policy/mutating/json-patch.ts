// Kyverno: kyverno-cel-semantics §3.4 — a MutatingPolicy's JSONPatch list applied with plain RFC 6902 semantics
// (evanphx/json-patch v4, without the relaxations classic patchesJson6902 uses): missing parents, missing
// remove/replace targets and bad indices are errors; a failing `test` makes the whole list a no-op.
// The container and pointer helpers of src/engine/mutate/patch are reused; their relaxed operations are not.
import { cloneJson, deepEqual, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { PatchError } from '../../mutate/patch/errors.js';
import {
  addChild,
  getChild,
  isContainer,
  removeChild,
  setChild,
  type Container,
} from '../../mutate/patch/json-patch-containers.js';
import { findParent } from '../../mutate/patch/json-patch-path.js';

/** One operation as the CEL `JSONPatch{op, path, from?, value?}` value converted to JSON. */
export type JsonPatchOperation = JsonObject;

// evanphx/json-patch v4 wraps ErrMissing into these messages.
const MISSING = 'missing value';

/** Thrown by a failing `test` operation; caught by applyMutationPatch to discard the list. */
class TestFailed extends Error {}

/**
 * Applies `ops` in order to a copy of `object`. Returns the patched object, or the unchanged object when a
 * `test` operation fails (Kyverno §3.4 quirk). Throws PatchError for any other problem.
 */
export function applyMutationPatch(object: JsonObject, ops: readonly JsonPatchOperation[]): JsonObject {
  let doc: Container = cloneJson(object);
  try {
    for (const op of ops) doc = applyOperation(doc, op);
  } catch (e) {
    if (e instanceof TestFailed) return object;
    throw e;
  }
  if (!isObject(doc)) throw new PatchError('the JSON patch replaced the object with a non-object');
  return doc;
}

function applyOperation(doc: Container, op: JsonPatchOperation): Container {
  switch (op.op) {
    case 'add':
      return add(doc, pathOf(op, 'path'), valueOf(op));
    case 'remove':
      return remove(doc, pathOf(op, 'path'));
    case 'replace':
      return replace(doc, pathOf(op, 'path'), valueOf(op));
    case 'move':
      return move(doc, op);
    case 'copy':
      return add(doc, pathOf(op, 'path'), cloneJson(existing(doc, pathOf(op, 'from'), 'copy')));
    case 'test':
      return test(doc, pathOf(op, 'path'), valueOf(op));
    default:
      throw new PatchError(`Unexpected kind: ${String(op.op)}`);
  }
}

function pathOf(op: JsonPatchOperation, field: 'path' | 'from'): string {
  const v = op[field];
  if (typeof v !== 'string') throw new PatchError(`${String(op.op)} operation failed to decode ${field}`);
  return v;
}

const valueOf = (op: JsonPatchOperation): JsonValue => (Object.hasOwn(op, 'value') ? cloneJson(op.value) : null);

function parentOf(doc: Container, path: string, kind: string): { parent: Container; key: string } {
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`${kind} operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  return at;
}

function add(doc: Container, path: string, value: JsonValue): Container {
  if (path === '') return asDocument(value, 'add');
  const at = parentOf(doc, path, 'add');
  addChild(at.parent, at.key, value);
  return doc;
}

function remove(doc: Container, path: string): Container {
  const at = parentOf(doc, path, 'remove');
  if (getChild(at.parent, at.key) === 'missing')
    throw new PatchError(`Unable to remove nonexistent key: ${at.key}: ${MISSING}`);
  removeChild(at.parent, at.key);
  return doc;
}

function replace(doc: Container, path: string, value: JsonValue): Container {
  if (path === '') return asDocument(value, 'replace');
  const at = parentOf(doc, path, 'replace');
  if (getChild(at.parent, at.key) === 'missing')
    throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  setChild(at.parent, at.key, value);
  return doc;
}

function move(doc: Container, op: JsonPatchOperation): Container {
  const from = pathOf(op, 'from');
  const value = existing(doc, from, 'move');
  remove(doc, from);
  return add(doc, pathOf(op, 'path'), value);
}

function existing(doc: Container, path: string, kind: string): JsonValue {
  const at = parentOf(doc, path, kind);
  const value = getChild(at.parent, at.key);
  if (value === 'missing')
    throw new PatchError(`${kind} operation does not apply: doc is missing from path: ${path}: ${MISSING}`);
  return value;
}

function test(doc: Container, path: string, expected: JsonValue): Container {
  const actual = path === '' ? doc : lookup(doc, path);
  // evanphx v4: a missing or null target passes a test for null.
  const holds = actual === 'missing' || actual === null ? expected === null : deepEqual(actual, expected);
  if (!holds) throw new TestFailed(`testing value ${path} failed`);
  return doc;
}

function lookup(doc: Container, path: string): JsonValue | 'missing' {
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  return getChild(at.parent, at.key);
}

function asDocument(value: JsonValue, kind: string): Container {
  if (!isContainer(value)) throw new PatchError(`${kind} operation value must be object or array`);
  return value;
}
