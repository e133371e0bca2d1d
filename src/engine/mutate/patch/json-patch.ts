// Kyverno: spec §8.4 — patchesJson6902: RFC 6902 as evanphx/json-patch v5 applies it with Kyverno's options
// (EnsurePathExistsOnAdd, AllowMissingPathOnRemove, SupportNegativeIndices).
// Written directly rather than wrapping fast-json-patch: these relaxations (and evanphx's exact error cases, such
// as `-1` meaning "append" for add) sit inside pointer resolution, where fast-json-patch offers no hooks.
import { cloneJson, deepEqual, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { PatchError } from './errors.js';
import { addChild, getChild, isContainer, removeChild, setChild, type Container } from './json-patch-containers.js';
import { decodeJsonPatch } from './json-patch-decode.js';
import { ensurePathExists, findParent } from './json-patch-path.js';

/** RFC 6902 with Kyverno's relaxations; `patch` is the YAML/JSON text of patchesJson6902 (already variable-substituted) or an operation list. Throws PatchError. */
export function applyJsonPatch(resource: JsonObject, patch: string | JsonValue): JsonObject {
  const ops = decodeJsonPatch(patch);
  let doc: Container = cloneJson(resource);
  for (const op of ops) doc = applyOperation(doc, op ?? {});
  if (!isObject(doc)) throw new PatchError('the JSON patch replaced the resource with a list');
  return doc;
}

function applyOperation(doc: Container, op: JsonObject): Container {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  switch (kind) {
    case 'add':
      return add(doc, op);
    case 'remove':
      return remove(doc, op);
    case 'replace':
      return replace(doc, op);
    case 'move':
      return move(doc, op);
    case 'copy':
      return copy(doc, op);
    case 'test':
      return test(doc, op);
    default:
      throw new PatchError(`Unexpected kind: ${kind}`);
  }
}

function stringField(op: JsonObject, field: 'path' | 'from', kind: string): string {
  const v = Object.hasOwn(op, field) ? op[field] : null;
  if (typeof v !== 'string') throw new PatchError(`${kind} operation failed to decode ${field}`);
  return v;
}

// A missing `value` is added as null, as evanphx does.
const valueOf = (op: JsonObject): JsonValue => (Object.hasOwn(op, 'value') ? cloneJson(op.value) : null);

function add(doc: Container, op: JsonObject): Container {
  const path = stringField(op, 'path', 'add');
  ensurePathExists(doc, path);
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`add operation does not apply: doc is missing path: "${path}"`);
  withContext(`error in add for path: '${path}'`, () => addChild(at.parent, at.key, valueOf(op)));
  return doc;
}

function remove(doc: Container, op: JsonObject): Container {
  const path = stringField(op, 'path', 'remove');
  const at = findParent(doc, path);
  // Kyverno: removing a path that does not exist is not an error.
  if (at) withContext(`error in remove for path: '${path}'`, () => removeChild(at.parent, at.key));
  return doc;
}

function replace(doc: Container, op: JsonObject): Container {
  const path = stringField(op, 'path', 'replace');
  const value = valueOf(op);
  if (path === '') {
    if (!isContainer(value)) throw new PatchError('replace operation value must be object or array');
    return value;
  }
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`replace operation does not apply: doc is missing path: ${path}`);
  if (!hasChild(at.parent, at.key))
    throw new PatchError(`replace operation does not apply: doc is missing key: ${path}`);
  setChild(at.parent, at.key, value);
  return doc;
}

function move(doc: Container, op: JsonObject): Container {
  const from = stringField(op, 'from', 'move');
  const value = takeFrom(doc, from, 'move');
  withContext(`error in move for path: '${from}'`, () => removeChild(value.parent, value.key));
  return put(doc, stringField(op, 'path', 'move'), value.value, 'move');
}

function copy(doc: Container, op: JsonObject): Container {
  const from = stringField(op, 'from', 'copy');
  const value = takeFrom(doc, from, 'copy');
  return put(doc, stringField(op, 'path', 'copy'), cloneJson(value.value), 'copy');
}

function takeFrom(doc: Container, from: string, kind: string): { parent: Container; key: string; value: JsonValue } {
  const at = findParent(doc, from);
  if (!at) throw new PatchError(`${kind} operation does not apply: doc is missing from path: ${from}`);
  const value = withContext(`error in ${kind} for path: '${at.key}'`, () => getChild(at.parent, at.key));
  if (value === 'missing')
    throw new PatchError(`error in ${kind} for path: '${at.key}': unable to get nonexistent key: ${at.key}`);
  return { ...at, value };
}

function put(doc: Container, path: string, value: JsonValue, kind: string): Container {
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`${kind} operation does not apply: doc is missing destination path: ${path}`);
  withContext(`error in ${kind} for path: '${path}'`, () => addChild(at.parent, at.key, value));
  return doc;
}

function test(doc: Container, op: JsonObject): Container {
  const path = stringField(op, 'path', 'test');
  const expected = Object.hasOwn(op, 'value') ? op.value : null;
  if (path === '') {
    if (!deepEqual(doc, expected)) throw new PatchError(`testing value ${path} failed`);
    return doc;
  }
  const at = findParent(doc, path);
  if (!at) throw new PatchError(`test operation does not apply: is missing path: ${path}`);
  const actual = withContext(`error in test for path: '${path}'`, () => getChild(at.parent, at.key));
  // Kyverno (evanphx): a missing or null value passes a test for null.
  const holds = actual === 'missing' || actual === null ? expected === null : deepEqual(actual, expected);
  if (!holds) throw new PatchError(`testing value ${path} failed`);
  return doc;
}

function hasChild(c: Container, key: string): boolean {
  try {
    return getChild(c, key) !== 'missing';
  } catch (e) {
    if (e instanceof PatchError) return false;
    throw e;
  }
}

function withContext<T>(context: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PatchError) throw new PatchError(`${context}: ${e.message}`);
    throw e;
  }
}
