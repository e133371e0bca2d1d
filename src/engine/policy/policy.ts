// The classic Kyverno policy model (kyverno.io/v1 ClusterPolicy / Policy), read from a document.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { SourceDocument } from '../source/documents.js';
import type { RuleStatus } from '../result/rule-result.js';

/** What names a policy of any kind, and its metadata. */
export interface PolicyIdentity {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** '' for cluster-scoped kinds. */
  readonly namespace: string;
  /** How results, exceptions, reports and tests name it: `namespace/name` for namespaced kinds, else `name`. */
  readonly key: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly source?: SourceDocument;
}

/** A ClusterPolicy or namespaced Policy as written (rules not yet expanded by autogen). */
export interface ClassicPolicy extends PolicyIdentity {
  readonly kind: 'ClusterPolicy' | 'Policy';
  /** '' for a ClusterPolicy; a Policy without namespace counts as `default`. */
  readonly namespace: string;
  readonly spec: JsonObject;
  /** The whole document (autogen and validation read it). */
  readonly document: JsonObject;
}

/** The policy kinds Tollgate knows, classic and CEL. */
export const CLASSIC_POLICY_KINDS = new Set(['ClusterPolicy', 'Policy']);
export const CEL_POLICY_KINDS = new Set([
  'ValidatingPolicy',
  'NamespacedValidatingPolicy',
  'MutatingPolicy',
  'NamespacedMutatingPolicy',
  'GeneratingPolicy',
  'NamespacedGeneratingPolicy',
  'ImageValidatingPolicy',
  'DeletingPolicy',
]);

/** True for a document that is a Kyverno classic policy. */
export function isClassicPolicyDocument(v: JsonValue): v is JsonObject {
  return isKindOf(v, 'kyverno.io/', CLASSIC_POLICY_KINDS);
}

/** True for a Kyverno CEL policy document (policies.kyverno.io). */
export function isCelPolicyDocument(v: JsonValue): v is JsonObject {
  return isKindOf(v, 'policies.kyverno.io/', CEL_POLICY_KINDS);
}

function isKindOf(v: JsonValue, group: string, kinds: ReadonlySet<string>): v is JsonObject {
  return isObject(v) && typeof v.apiVersion === 'string' && v.apiVersion.startsWith(group) && kinds.has(String(v.kind));
}

function stringRecord(v: JsonValue | undefined): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

/** Build the policy model from a classic policy document (shape checks live in check-policy.ts). */
export function toClassicPolicy(doc: JsonObject, source?: SourceDocument): ClassicPolicy {
  const md = isObject(doc.metadata) ? doc.metadata : {};
  const kind = doc.kind === 'Policy' ? 'Policy' : 'ClusterPolicy';
  const name = String(md.name ?? '');
  const namespace = kind === 'Policy' ? String(md.namespace || 'default') : '';
  return {
    kind,
    apiVersion: String(doc.apiVersion),
    name,
    namespace,
    key: kind === 'Policy' ? `${namespace}/${name}` : name,
    annotations: stringRecord(md.annotations),
    labels: stringRecord(md.labels),
    spec: isObject(doc.spec) ? doc.spec : {},
    document: doc,
    source,
  };
}

/** The rule type keys a classic rule may carry. */
export const RULE_TYPES = ['validate', 'mutate', 'generate', 'verifyImages'] as const;
export type ClassicRuleType = (typeof RULE_TYPES)[number];

/** The single rule type of a rule, or undefined when it has none or several. */
export function ruleTypeOf(rule: JsonObject): ClassicRuleType | undefined {
  const present = RULE_TYPES.filter((t) => rule[t] !== undefined && rule[t] !== null);
  return present.length === 1 ? present[0] : undefined;
}

/** Kyverno: spec §1.2 — `policies.kyverno.io/scored: "false"` turns the policy's failures into warnings. */
export function isScored(policy: Pick<ClassicPolicy, 'annotations'> | undefined): boolean {
  return policy?.annotations['policies.kyverno.io/scored'] !== 'false';
}

/** The status reports, tests and summaries show for a rule status of this policy. */
export function reportedStatus(policy: Pick<ClassicPolicy, 'annotations'> | undefined, status: RuleStatus): RuleStatus {
  return status === 'fail' && !isScored(policy) ? 'warn' : status;
}
