// Kyverno: spec §8.4 — JSON pointer walking of evanphx/json-patch v5 (findObject, ensurePathExists).
import type { JsonValue } from '../../json.js';
import { PatchError } from './errors.js';
import { addChild, getChild, isContainer, parseIndex, type Container } from './json-patch-containers.js';

/** RFC 6901 unescaping: `~1` → `/`, then `~0` → `~`. */
export function decodeKey(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** The parent container and final key of `path`; undefined when a parent is missing, null or a scalar. */
export function findParent(doc: Container, path: string): { parent: Container; key: string } | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let node: Container = doc;
  for (const token of split.slice(1, -1)) {
    const next = tryChild(node, decodeKey(token));
    if (!isContainer(next)) return undefined;
    node = next;
  }
  return { parent: node, key: decodeKey(split[split.length - 1]) };
}

function tryChild(c: Container, key: string): JsonValue | 'missing' {
  try {
    return getChild(c, key);
  } catch (e) {
    if (e instanceof PatchError) return 'missing';
    throw e;
  }
}

/** Kyverno: `add` creates missing (or null) parents — arrays when the next token is an index or `-`, else objects. */
export function ensurePathExists(doc: Container, path: string): void {
  const parts = path.split('/').slice(1);
  let node: Container = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const target = tryChild(node, decodeKey(parts[i]));
    if (target === 'missing' || target === null) node = createMissing(node, parts[i], parts[i + 1]);
    else if (isContainer(target)) node = target;
    else
      throw new PatchError(
        `cannot unmarshal ${typeof target} into a JSON patch document at ${parts.slice(0, i + 1).join('/')}`,
      );
  }
}

function createMissing(node: Container, token: string, next: string): Container {
  // A list shorter than the wanted index is padded with nulls first.
  if (Array.isArray(node) && /^[+-]?\d+$/.test(token)) {
    const idx = guardPadding(parseIndex(token));
    for (let i = node.length; i < idx; i++) node.push(null);
  }
  const created: Container = /^[+-]?\d+$/.test(next) || next === '-' ? newList(next) : {};
  // Kyverno (evanphx): the new node is added under the *undecoded* token and a failed add is ignored.
  try {
    addChild(node, token, created);
  } catch (e) {
    if (!(e instanceof PatchError)) throw e;
  }
  return created;
}

function newList(next: string): JsonValue[] {
  const idx = next === '-' ? 0 : parseIndex(next);
  if (idx < -1) throw new PatchError(`Unable to ensure path for negative index other than -1: ${idx}`);
  return new Array<JsonValue>(Math.max(guardPadding(idx), 0)).fill(null);
}

// Go would allocate any padding asked for; an engine evaluating untrusted policies must not.
const MAX_PADDING = 100_000;

function guardPadding(idx: number): number {
  if (idx > MAX_PADDING)
    throw new PatchError(`Unable to ensure path for index ${idx}: more than ${MAX_PADDING} padding elements`);
  return idx;
}
