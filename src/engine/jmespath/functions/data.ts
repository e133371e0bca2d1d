// Kyverno's data-structure functions (spec §6.7 "Data structures"), except x509_decode.
import { parseAllDocuments } from 'yaml';
import { parseImageReference } from '../../primitives/image-reference.js';
import { argumentKindError, functionError, JmesPathError } from '../errors.js';
import { compareGoStrings, isValueObject, setKey, type Value, type ValueObject } from '../values.js';
import { stringOrNumber } from './matching.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

const str = (v: unknown): string => v as string;

function parseJson(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch (err) {
    // Go's encoding/json wording for the common case; other messages come from the JS parser.
    if (text.trim() === '') throw new JmesPathError('unexpected end of JSON input');
    throw new JmesPathError(err instanceof Error ? err.message : String(err));
  }
}

// sigs.k8s.io/yaml (go-yaml v2): YAML 1.1 scalars (yes/no/y/n are booleans), only the first document,
// keys become strings, timestamps become RFC 3339 strings.
function parseYaml(text: string): Value {
  let value: unknown;
  try {
    const [doc] = parseAllDocuments(text, { version: '1.1', prettyErrors: false });
    if (doc === undefined) return null;
    if (doc.errors.length > 0) throw doc.errors[0];
    value = doc.toJS();
  } catch (err) {
    throw new JmesPathError(err instanceof Error ? err.message : String(err));
  }
  return toJsonLike(value);
}

function toJsonLike(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace(/\.000Z$/, 'Z');
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (Array.isArray(v)) return v.map(toJsonLike);
  if (typeof v === 'object') {
    const out: ValueObject = {};
    for (const [k, x] of Object.entries(v)) setKey(out, k, toJsonLike(x));
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new JmesPathError(`json: unsupported value: ${v}`);
  return v as Value;
}

function lookup(collection: Value, key: Value): Value {
  if (isValueObject(collection)) {
    if (typeof key !== 'string') throw argumentKindError('lookup', 2, 'String');
    return Object.hasOwn(collection, key) ? collection[key] : null;
  }
  const items = collection as Value[];
  if (typeof key !== 'number') throw argumentKindError('lookup', 2, 'Number');
  if (!Number.isInteger(key)) throw functionError('lookup', `argument #2: expected an integer number but got: ${key}`);
  return key >= 0 && key < items.length ? items[key] : null;
}

function pair(keyName: string, key: Value, valName: string, value: Value): ValueObject {
  const out: ValueObject = {};
  setKey(out, keyName, key);
  setKey(out, valName, value);
  return out;
}

// Kyverno: spec §6.7 — objects give one entry per key sorted by key; arrays one per index.
function items(collection: Value, keyName: string, valName: string): Value[] {
  if (Array.isArray(collection)) return collection.map((v, i) => pair(keyName, i, valName, v));
  const o = collection as ValueObject;
  return Object.keys(o)
    .sort(compareGoStrings)
    .map((k) => pair(keyName, k, valName, o[k]));
}

function objectFromLists(keys: Value[], values: Value[]): ValueObject {
  const out: ValueObject = {};
  keys.forEach((k, i) => {
    if (typeof k === 'boolean') setKey(out, String(k), i < values.length ? values[i] : null);
    else if (typeof k === 'string' || typeof k === 'number')
      setKey(out, stringOrNumber(k), i < values.length ? values[i] : null);
    else throw argumentKindError('object_from_lists', 1, 'StringArray');
  });
  return out;
}

function imageNormalize(image: string): string {
  const ref = parseImageReference(image, 'docker.io');
  if (ref === undefined) throw functionError('image_normalize', `bad image: ${image}`);
  return ref.reference;
}

/** parse_json … image_normalize. */
export const DATA_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('parse_json', [arg('string')], ([s]) => parseJson(str(s))),
  kyvernoFunction('parse_yaml', [arg('string')], ([s]) => parseYaml(str(s))),
  kyvernoFunction('lookup', [arg('object', 'array'), arg('string', 'number')], ([c, k]) =>
    lookup(c as Value, k as Value),
  ),
  kyvernoFunction('items', [arg('object', 'array'), arg('string'), arg('string')], ([c, k, v]) =>
    items(c as Value, str(k), str(v)),
  ),
  kyvernoFunction('object_from_lists', [arg('array'), arg('array')], ([k, v]) =>
    objectFromLists(k as Value[], v as Value[]),
  ),
  kyvernoFunction('image_normalize', [arg('string')], ([s]) => imageNormalize(str(s))),
];
