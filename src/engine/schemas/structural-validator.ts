// Validates a value against a structural JSON Schema — the subset Kubernetes CRDs are written in — by walking both.
// No compile step: ajv needs 0.76 s to compile Kyverno's ClusterPolicy schema, more than a command's whole start-up
// budget; this walk checks a policy in microseconds. A test compares its verdicts with ajv's (crd-schema.test.ts).
import { deepEqual, isObject } from '../json.js';
import type { JsonPath } from '../result/location.js';

/** A (structural) JSON Schema node. */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly not?: Schema;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly minItems?: number;
  readonly pattern?: string;
}

/** One violation: the keyword, where, the schema node it belongs to and the offending value. */
export interface SchemaViolation {
  readonly keyword: string;
  /** Where the value is (for `additionalProperties`: the unknown field; for `required`: the missing one). */
  readonly path: JsonPath;
  /** The schema node of the value (of the parent object for `additionalProperties` and `required`). */
  readonly schema: Schema;
  readonly value: unknown;
}

/** Every violation of `schema` by `value`, in document order. */
export function validateStructural(schema: Schema, value: unknown, path: JsonPath = []): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  walk(schema, value, path, out);
  return out;
}

function walk(s: Schema, v: unknown, path: JsonPath, out: SchemaViolation[]): void {
  const at = (keyword: string, p: JsonPath = path, value: unknown = v): void => {
    out.push({ keyword, path: p, schema: s, value });
  };
  if (s.type !== undefined && !hasType(s.type, v)) return at('type');
  if (s.enum && !s.enum.some((e) => deepEqual(e, v))) at('enum');
  if (s.anyOf && !s.anyOf.some((sub) => validateStructural(sub, v, path).length === 0)) at('anyOf');
  if (s.oneOf && s.oneOf.filter((sub) => validateStructural(sub, v, path).length === 0).length !== 1) at('oneOf');
  if (s.not && validateStructural(s.not, v, path).length === 0) at('not');
  if (typeof v === 'string') {
    const length = [...v].length;
    if (s.maxLength !== undefined && length > s.maxLength) at('maxLength');
    if (s.minLength !== undefined && length < s.minLength) at('minLength');
    if (s.pattern !== undefined && !patternOf(s.pattern).test(v)) at('pattern');
  }
  if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) at('minimum');
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) at('minItems');
    if (s.items) v.forEach((item, i) => walk(s.items!, item, [...path, i], out));
  }
  if (isObject(v)) {
    for (const name of s.required ?? []) if (!Object.hasOwn(v, name)) at('required', [...path, name], undefined);
    for (const [name, value] of Object.entries(v)) {
      const property = s.properties && Object.hasOwn(s.properties, name) ? s.properties[name] : undefined;
      if (property) walk(property, value, [...path, name], out);
      else if (s.additionalProperties === false) at('additionalProperties', [...path, name], value);
      else if (isObject(s.additionalProperties)) walk(s.additionalProperties, value, [...path, name], out);
    }
  }
}

function hasType(type: string | readonly string[], v: unknown): boolean {
  return typeof type === 'string' ? isType(type, v) : type.some((t) => isType(t, v));
}

function isType(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'null':
      return v === null;
    default:
      return typeof v === type;
  }
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let p = patterns.get(source);
  if (!p) patterns.set(source, (p = new RegExp(source, 'u')));
  return p;
}
