// The shapes the admission core exchanges with the HTTPS server: dependencies and outcome.
import {
  type EvaluationDeadline,
  type EvaluationServices,
  type JsonObject,
  type JsonValue,
  type RuleResult,
} from '../../engine/index.js';

export type { EvaluationDeadline };

/** Roles and ClusterRoles bound to a requester (Kyverno resolves them from RBAC). */
export interface RequesterRoles {
  readonly roles: readonly string[];
  readonly clusterRoles: readonly string[];
}

/** What the admission core needs from its surroundings; every member is pure or a read-only view. */
export interface AdmissionDeps {
  /** Time, cluster reads, namespaces and CEL library services; one object for the webhook's lifetime. */
  readonly services: EvaluationServices;
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

/** A downstream resource a generate rule or GeneratingPolicy wants created or updated. */
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
