import type { JsonPath } from './location.js';

/** The outcome of one rule for one resource. */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** Which resource a result is about. */
export interface ResourceId {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The kind of rule that produced a result. */
export type RuleType = 'validate' | 'mutate' | 'generate' | 'verifyImages';

/** Validate failure action in effect for a result. */
export type FailureAction = 'Audit' | 'Enforce';

/** One rule result: data, never prose only. */
export interface RuleResult {
  /** Policy key: `name` for a ClusterPolicy, `namespace/name` for a Policy. */
  readonly policy: string;
  readonly rule: string;
  readonly ruleType: RuleType;
  readonly resource: ResourceId;
  readonly status: RuleStatus;
  readonly message: string;
  /** The offending field in the resource, when known. */
  readonly path?: JsonPath;
  /** Effective validationFailureAction (validate rules). */
  readonly action?: FailureAction;
  /** Exceptions that caused a skip. */
  readonly exceptions?: readonly string[];
  /** Report properties (e.g. `cel.validationIndex`, CEL audit annotations). */
  readonly properties?: Readonly<Record<string, string>>;
}

/** The results of one policy for one resource (a Kyverno "engine response"). */
export interface PolicyResponse {
  readonly policy: string;
  readonly policyName: string;
  readonly resource: ResourceId;
  readonly rules: RuleResult[];
}

/** Identity of a Kubernetes object. */
export function resourceIdOf(
  obj: { apiVersion?: unknown; kind?: unknown; metadata?: unknown } | null | undefined,
): ResourceId {
  const md = (obj?.metadata ?? {}) as { namespace?: unknown; name?: unknown; generateName?: unknown };
  return {
    apiVersion: String(obj?.apiVersion ?? ''),
    kind: String(obj?.kind ?? ''),
    namespace: typeof md.namespace === 'string' ? md.namespace : '',
    name: typeof md.name === 'string' && md.name !== '' ? md.name : String(md.generateName ?? ''),
  };
}
