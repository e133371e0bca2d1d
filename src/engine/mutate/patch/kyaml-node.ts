// Kyverno: spec §8.3 — kyaml RNode predicates over JSON values. `undefined` stands for a missing node (Go nil),
// `null` for a YAML node tagged !!null.
import { parse } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { formatGoJsonNumber } from '../../primitives/go-json.js';
import { PatchError } from './errors.js';
import { nodeText, type NodeTextOptions } from './node-text.js';

/** A node that may be missing. */
export type Node = JsonValue | undefined;

/** kyaml IsMissingOrNull: no node, or a null node. */
export function isMissingOrNull(v: Node): v is null | undefined {
  return v === undefined || v === null;
}

/** kyaml IsEmptyMap: a map without fields. */
export function isEmptyMap(v: Node): boolean {
  if (!isObject(v)) return false;
  for (const _ in v) return false;
  return true;
}

/** kyaml IsNilOrEmpty: missing, null, `{}` or `[]`. */
export function isNilOrEmpty(v: Node): boolean {
  return isMissingOrNull(v) || isEmptyMap(v) || (Array.isArray(v) && v.length === 0);
}

/** The YAML node's `Value` text: the scalar as Kyverno's JSON wrote it, `""` for maps and lists. */
export function scalarText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  // Merge keys such as container ports are integers, whose text Go writes as JavaScript does (but -0).
  if (typeof v === 'number') return v !== 0 && Number.isSafeInteger(v) ? String(v) : formatGoJsonNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

/** A new untagged plain scalar (kyaml NewScalarRNode), typed the way YAML resolves its text on output. */
export function plainScalar(text: string): JsonValue {
  try {
    const v = parse(text) as unknown;
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || v === text) return v as JsonValue;
  } catch {
    // not valid YAML on its own: it stays a string
  }
  return text;
}

/** The field value of a map node (kyaml RNode.Field); undefined for absent fields and non-map nodes. */
export function fieldOf(v: Node, key: string): Node {
  return isObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
}

/** The YAML kind name kyaml prints in its errors. */
export function kindName(v: JsonValue): string {
  if (Array.isArray(v)) return 'SequenceNode';
  return isObject(v) ? 'MappingNode' : 'ScalarNode';
}

/** kyaml ErrorIfInvalid: a non-null node of the wrong kind, printed as yaml.v3 writes it. */
export function wrongKind(expected: string, got: JsonValue, options?: NodeTextOptions): PatchError {
  return new PatchError(
    `wrong node kind: expected ${expected} but got ${kindName(got)}: node contents:\n${nodeText(got, options)}`,
  );
}

/** Rename `from` to `to` in place, keeping the key's position (a plain `to` already present is replaced). */
export function renameKey(obj: JsonObject, from: string, to: string): void {
  if (from === to || !Object.hasOwn(obj, from)) return;
  const entries = Object.entries(obj).filter(([k]) => k !== to);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) setOwn(obj, k === from ? to : k, v);
}

/** A deep copy (kyaml RNode.Copy); much cheaper than structuredClone for the small nodes of a patch. */
export function copyNode<T extends JsonValue>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyNode) as T;
  const out: JsonObject = {};
  for (const k in v) setOwn(out, k, copyNode(v[k]));
  return out as T;
}

/** Set an own enumerable property, also for keys such as `__proto__` that plain assignment would misread. */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  // Only `__proto__` has a setter on Object.prototype; plain assignment is much cheaper than defineProperty.
  if (key !== '__proto__') obj[key] = value;
  else Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}
