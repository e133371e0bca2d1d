// The identity of a generated (or cloned) object and how the generate spec names it.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { GenerateError } from './generate-error.js';

/** apiVersion, kind, namespace ('' when none) and name of one object. */
export interface ResourceSpec {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** A string field of the (substituted) generate spec; '' when absent, GenerateError when not a string. */
export function stringField(obj: JsonObject, key: string, where: string): string {
  const v: JsonValue | undefined = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new GenerateError(`${where}.${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** An object field of the generate spec; undefined when absent or null, GenerateError when not an object. */
export function objectField(obj: JsonObject, key: string, where: string): JsonObject | undefined {
  const v = Object.hasOwn(obj, key) ? obj[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new GenerateError(`${where}.${key} must be an object`);
  return v;
}

/** The target named by the rule: `apiVersion`, `kind`, `namespace`, `name` of the generate block. */
export function readTarget(generate: JsonObject): ResourceSpec {
  return {
    apiVersion: stringField(generate, 'apiVersion', 'generate'),
    kind: stringField(generate, 'kind', 'generate'),
    namespace: stringField(generate, 'namespace', 'generate'),
    name: stringField(generate, 'name', 'generate'),
  };
}

/** The identity of an object as stored in the cluster. */
export function specOf(obj: JsonObject): ResourceSpec {
  const md = isObject(obj.metadata) ? obj.metadata : {};
  return {
    apiVersion: String(obj.apiVersion ?? ''),
    kind: String(obj.kind ?? ''),
    namespace: String(md.namespace ?? ''),
    name: String(md.name ?? ''),
  };
}

/** `apiVersion/kind namespace/name`, for messages. */
export function describeSpec(s: ResourceSpec): string {
  const where = s.namespace === '' ? s.name : `${s.namespace}/${s.name}`;
  return `${s.apiVersion}/${s.kind} ${where}`;
}

/** A bare object carrying only the identity, for entries about objects that do not exist. */
export function specStub(s: ResourceSpec): JsonObject {
  const metadata: JsonObject = { name: s.name };
  if (s.namespace !== '') metadata.namespace = s.namespace;
  return { apiVersion: s.apiVersion, kind: s.kind, metadata };
}

const VERSION = /^v\d+((alpha|beta)\d+)?$/;

/** Split a cloneList kind: `v1/Secret` → (v1, Secret), `apps/v1/Deployment` → (apps/v1, Deployment), `Secret` → ('', Secret). */
export function splitCloneKind(text: string): { apiVersion: string; kind: string } {
  const parts = text.split('/');
  if (parts.length === 2 && (VERSION.test(parts[0]) || parts[0] === '*'))
    return { apiVersion: parts[0], kind: parts[1] };
  if (parts.length === 3) return { apiVersion: `${parts[0]}/${parts[1]}`, kind: parts[2] };
  return { apiVersion: '', kind: text };
}
