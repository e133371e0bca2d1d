// Kyverno: spec §8.3 stage 2, Appendix B — what kustomize's strategic merge reads from the Kubernetes OpenAPI
// document kyaml embeds (v1.21): `x-kubernetes-patch-strategy` and the merge keys (`x-kubernetes-list-map-keys`,
// else `x-kubernetes-patch-merge-key`). Fields absent here have no merge strategy, so their lists are replaced.
// kyaml-merge-schema.json is generated from kyaml itself by scripts/kyaml-merge-schema.
import generated from './kyaml-merge-schema.json' with { type: 'json' };
import { isObject, type JsonValue } from '../../json.js';

/** The schema of one node: nested fields, list items and, on lists, the patch strategy and merge keys. */
export interface MergeSchema {
  readonly fields?: Readonly<Record<string, MergeSchema>>;
  readonly items?: MergeSchema;
  readonly strategy?: string;
  readonly keys?: readonly string[];
}

/** The generated file's form: a tree, or a reference to a subtree written once in `shared`. */
interface Stored {
  readonly ref?: number;
  readonly fields?: Readonly<Record<string, Stored>>;
  readonly items?: Stored;
  readonly strategy?: string;
  readonly keys?: readonly string[];
}

const stored = generated as { kinds: Record<string, Stored>; shared: Stored[] };
const resolved = new Map<number, MergeSchema>();

/** The schema a stored node stands for; shared subtrees resolve to one object each. */
function resolve(node: Stored): MergeSchema {
  if (node.ref === undefined) return toSchema(node);
  let schema = resolved.get(node.ref);
  if (!schema) {
    schema = toSchema(stored.shared[node.ref]);
    resolved.set(node.ref, schema);
  }
  return schema;
}

function toSchema(node: Stored): MergeSchema {
  const fields = node.fields && Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, resolve(v)]));
  return { fields, items: node.items && resolve(node.items), strategy: node.strategy, keys: node.keys };
}

const KINDS = new Map(Object.entries(stored.kinds).map(([gvk, node]) => [gvk, resolve(node)]));

/** The root schema of a built-in kind (kyaml SchemaForResourceType); undefined for CRDs and unknown kinds. */
export function schemaForKind(apiVersion: string, kind: string): MergeSchema | undefined {
  return KINDS.get(`${apiVersion}/${kind}`);
}

/** kyaml Walker.GetSchema for one node: the schema of the built-in kind a map names by `apiVersion` and `kind`. */
export function schemaOfNode(v: JsonValue | undefined): MergeSchema | undefined {
  if (!isObject(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string') return undefined;
  if (v.apiVersion === '' || v.kind === '') return undefined;
  return schemaForKind(v.apiVersion, v.kind);
}

/** The schema of a field of a map node. */
export function fieldSchema(schema: MergeSchema | undefined, key: string): MergeSchema | undefined {
  return schema?.fields && Object.hasOwn(schema.fields, key) ? schema.fields[key] : undefined;
}

/** kustomize schema.IsAssociative with inference off: only lists whose strategy includes `merge`. */
export function isAssociativeList(schema: MergeSchema | undefined): boolean {
  return (schema?.strategy ?? '').split(',').includes('merge');
}
