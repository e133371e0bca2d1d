// Kyverno: kyverno-cel-semantics §3.1 — the fields a MutatingPolicy spec may have (strict decoding, §2.1).
import {
  AUDIT_ANNOTATIONS,
  MATCH_RESOURCES,
  NAMED_EXPRESSIONS,
  WEBHOOK_CONFIGURATION,
  fields,
  listOf,
  type FieldSchema,
} from '../field-schema.js';

const ENABLED = fields({ enabled: 'leaf' });
const EXPRESSION = fields({ expression: 'leaf' });

/** `spec` of MutatingPolicy / NamespacedMutatingPolicy. */
export const MUTATING_POLICY_SPEC: FieldSchema = fields({
  matchConstraints: MATCH_RESOURCES,
  matchConditions: NAMED_EXPRESSIONS,
  variables: NAMED_EXPRESSIONS,
  mutations: listOf({ patchType: 'leaf', applyConfiguration: EXPRESSION, jsonPatch: EXPRESSION }),
  failurePolicy: 'leaf',
  reinvocationPolicy: 'leaf',
  auditAnnotations: AUDIT_ANNOTATIONS,
  evaluation: fields({
    mode: 'leaf',
    admission: ENABLED,
    background: ENABLED,
    mutateExisting: ENABLED,
    useServerSideApply: 'leaf',
    skipBackgroundRequests: 'leaf',
  }),
  targetMatchConstraints: fields({
    expression: 'leaf',
    namespaceSelector: 'open',
    objectSelector: 'open',
    resourceRules: 'open',
    excludeResourceRules: 'open',
    matchPolicy: 'leaf',
  }),
  targetMatchConditions: NAMED_EXPRESSIONS,
  autogen: fields({ podControllers: fields({ controllers: 'leaf' }), mutatingAdmissionPolicy: ENABLED }),
  webhookConfiguration: WEBHOOK_CONFIGURATION,
});
