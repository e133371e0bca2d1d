// The shapes the admission core exchanges with the HTTPS server: plan, dependencies and outcome.
import type { JsonObject, JsonValue } from '../../engine/json.js';
import type { CompiledPolicy } from '../../engine/compile/compile-policy.js';
import type { CompiledCelException, LoadedCelPolicy } from '../../engine/cel-policy/index.js';
import type { EvaluationEnv } from '../../engine/evaluate/request.js';
import type { RuleResult } from '../../engine/result/rule-result.js';

/** The policies in force; the server swaps the whole plan atomically on reload. */
export interface AdmissionPlan {
  readonly policies: readonly CompiledPolicy[];
  /** policies.kyverno.io policies (ValidatingPolicies take part in the validating webhook). */
  readonly celPolicies?: readonly LoadedCelPolicy[];
  readonly celExceptions?: readonly CompiledCelException[];
}

/** Roles and ClusterRoles bound to a requester (Kyverno resolves them from RBAC). */
export interface RequesterRoles {
  readonly roles: readonly string[];
  readonly clusterRoles: readonly string[];
}

/** What the admission core needs from its surroundings; every member is pure or a read-only view. */
export interface AdmissionDeps {
  readonly env: EvaluationEnv;
  /** Labels of a namespace, undefined when unknown. */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /** The Namespace object (CEL `namespaceObject`), when the cluster cache has it. */
  namespaceObject?(namespace: string): JsonObject | undefined;
  /** Kyverno's `[Kind,Namespace,Name]` resource filters (spec §13.6); matching requests are not evaluated. */
  readonly resourceFilters?: readonly string[];
  /** Roles of the requester; without it roles and clusterRoles are empty. */
  rolesOf?(userInfo: JsonObject): RequesterRoles;
  /** Requesters whose requests are admitted without evaluation (Kyverno's config map excludes, spec §13.1). */
  readonly excludedRequesters?: ExcludedRequesters;
  /** The request's evaluation budget; policies not started before it expires are not evaluated. */
  readonly deadline?: EvaluationDeadline;
}

/** Kyverno's `excludeGroups`, `excludeUsernames`, `excludeRoles` and `excludeClusterRoles`; wildcards allowed. */
export interface ExcludedRequesters {
  readonly groups?: readonly string[];
  readonly usernames?: readonly string[];
  readonly roles?: readonly string[];
  readonly clusterRoles?: readonly string[];
}

/** A time budget, checked between policies (evaluation is synchronous, so a running policy finishes). */
export interface EvaluationDeadline {
  expired(): boolean;
  /** The budget, for messages. */
  readonly budgetMs: number;
}

/** A downstream resource a generate rule wants created or updated. */
export interface GeneratedDownstream {
  readonly policy: string;
  readonly rule: string;
  readonly resource: JsonObject;
}

/** The HTTP answer to one AdmissionReview, plus the data reports and metrics need. */
export interface AdmissionOutcome {
  readonly status: 200 | 400;
  readonly body: JsonValue;
  /** Rule results for PolicyReports and metrics. */
  readonly results: readonly RuleResult[];
  readonly generated: readonly GeneratedDownstream[];
  readonly allowed?: boolean;
  readonly kind?: string;
  readonly operation?: string;
  /** A dryRun request: nothing may be generated or reported. */
  readonly dryRun?: boolean;
  /** `metadata.uid` of the admitted object, when the API server has assigned one (it names its PolicyReport). */
  readonly resourceUid?: string;
}
