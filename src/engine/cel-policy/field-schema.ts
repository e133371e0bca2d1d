// Allowed fields of the policies.kyverno.io documents, for the CLI's strict decoding (kyverno-cel-semantics §2.1:
// an unknown field anywhere in a policy document is fatal). Mutating/Generating specs reuse the shared nodes.
import { isObject, type JsonValue } from '../json.js';
import type { JsonPath } from '../result/location.js';

/** `open`: any content (maps of labels, free-form status); `leaf`: a scalar or list of scalars. */
export type FieldSchema = 'open' | 'leaf' | { readonly fields: Readonly<Record<string, FieldSchema>> } | ListSchema;

/** A list whose items follow `items`. */
export interface ListSchema {
  readonly items: FieldSchema;
}

/** Object schema helper. */
export function fields(f: Readonly<Record<string, FieldSchema>>): FieldSchema {
  return { fields: f };
}

/** List-of-objects schema helper. */
export function listOf(items: Readonly<Record<string, FieldSchema>>): FieldSchema {
  return { items: { fields: items } };
}

/** Paths of fields not in the schema, depth first in document order. */
export function unknownFields(value: JsonValue, schema: FieldSchema, path: JsonPath = []): JsonPath[] {
  if (schema === 'open' || schema === 'leaf' || value === null) return [];
  if ('items' in schema) {
    return Array.isArray(value) ? value.flatMap((v, i) => unknownFields(v, schema.items, [...path, i])) : [];
  }
  if (!isObject(value)) return [];
  const out: JsonPath[] = [];
  for (const [k, v] of Object.entries(value)) {
    const sub = Object.hasOwn(schema.fields, k) ? schema.fields[k] : undefined;
    if (sub === undefined) out.push([...path, k]);
    else out.push(...unknownFields(v, sub, [...path, k]));
  }
  return out;
}

const LABEL_SELECTOR = fields({
  matchLabels: 'open',
  matchExpressions: listOf({ key: 'leaf', operator: 'leaf', values: 'leaf' }),
});

const RULE_WITH_OPERATIONS = listOf({
  apiGroups: 'leaf',
  apiVersions: 'leaf',
  operations: 'leaf',
  resources: 'leaf',
  resourceNames: 'leaf',
  scope: 'leaf',
});

/** admissionregistration MatchResources (`spec.matchConstraints`). */
export const MATCH_RESOURCES = fields({
  namespaceSelector: LABEL_SELECTOR,
  objectSelector: LABEL_SELECTOR,
  resourceRules: RULE_WITH_OPERATIONS,
  excludeResourceRules: RULE_WITH_OPERATIONS,
  matchPolicy: 'leaf',
});

/** `matchConditions[]` and `variables[]` entries. */
export const NAMED_EXPRESSIONS = listOf({ name: 'leaf', expression: 'leaf' });

/** `auditAnnotations[]` entries. */
export const AUDIT_ANNOTATIONS = listOf({ key: 'leaf', valueExpression: 'leaf' });

/** `webhookConfiguration`. */
export const WEBHOOK_CONFIGURATION = fields({ timeoutSeconds: 'leaf' });

const ENABLED = fields({ enabled: 'leaf' });

/** ObjectMeta. */
export const OBJECT_META = fields({
  name: 'leaf',
  generateName: 'leaf',
  namespace: 'leaf',
  labels: 'open',
  annotations: 'open',
  uid: 'leaf',
  resourceVersion: 'leaf',
  generation: 'leaf',
  creationTimestamp: 'leaf',
  deletionTimestamp: 'leaf',
  deletionGracePeriodSeconds: 'leaf',
  finalizers: 'leaf',
  ownerReferences: 'open',
  managedFields: 'open',
  selfLink: 'leaf',
});

/** `spec` of ValidatingPolicy / NamespacedValidatingPolicy (all versions share it). */
export const VALIDATING_POLICY_SPEC = fields({
  matchConstraints: MATCH_RESOURCES,
  matchConditions: NAMED_EXPRESSIONS,
  variables: NAMED_EXPRESSIONS,
  validations: listOf({ expression: 'leaf', message: 'leaf', messageExpression: 'leaf', reason: 'leaf' }),
  auditAnnotations: AUDIT_ANNOTATIONS,
  validationActions: 'leaf',
  failurePolicy: 'leaf',
  evaluation: fields({ mode: 'leaf', admission: ENABLED, background: ENABLED }),
  autogen: fields({ podControllers: fields({ controllers: 'leaf' }), validatingAdmissionPolicy: ENABLED }),
  webhookConfiguration: WEBHOOK_CONFIGURATION,
});

/** A whole policy document with the given spec schema. */
export function policyDocumentSchema(spec: FieldSchema): FieldSchema {
  return fields({ apiVersion: 'leaf', kind: 'leaf', metadata: OBJECT_META, spec, status: 'open' });
}
