// Kyverno: kyverno-cel-semantics §4.1 — the fields a GeneratingPolicy spec may have (strict decoding, §2.1).
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

/** `spec` of GeneratingPolicy / NamespacedGeneratingPolicy. */
export const GENERATING_POLICY_SPEC: FieldSchema = fields({
  matchConstraints: MATCH_RESOURCES,
  matchConditions: NAMED_EXPRESSIONS,
  variables: NAMED_EXPRESSIONS,
  generate: listOf({ expression: 'leaf', template: fields({ interpolate: 'leaf', value: 'leaf' }) }),
  auditAnnotations: AUDIT_ANNOTATIONS,
  evaluation: fields({
    mode: 'leaf',
    admission: ENABLED,
    generateExisting: ENABLED,
    synchronize: ENABLED,
    orphanDownstreamOnPolicyDelete: ENABLED,
    skipBackgroundRequests: 'leaf',
  }),
  useServerSideApply: 'leaf',
  webhookConfiguration: WEBHOOK_CONFIGURATION,
});
