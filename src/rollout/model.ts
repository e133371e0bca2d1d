// What `tollgate rollout status` reports: per policy in Audit, the resources Enforce would block (the blast radius),
// where each one fails (Git, cluster or both), who owns it and where to fix it. The JSON form is a contract.

/** A resource by identity, as Git manifests and PolicyReports both name it. */
export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** '' for cluster-scoped resources. */
  readonly namespace: string;
  readonly name: string;
}

/**
 * Where a blocker fails: in Git and in the cluster; in the cluster only, though Git has the resource and passes
 * (fixed in Git, not synced yet); in the cluster only, not managed from Git; in Git only (not deployed, or the
 * cluster still runs a passing older version).
 */
export type BlockerWhere = 'both' | 'git-fixed-not-synced' | 'cluster' | 'git';

/** One resource that Enforce would reject, for one policy. */
export interface Blocker {
  readonly resource: ResourceRef;
  readonly where: BlockerWhere;
  /** The owning team (`team` label of the resource, else of its Namespace). */
  readonly team: string | null;
  /** The Argo CD Application that deploys it (from Git, else the live object's tracking label or annotation). */
  readonly application: string | null;
  /** Whether that Application self-heals: Argo CD re-applies the object, and Enforce would reject it every time. */
  readonly selfHeal: boolean | null;
  /** Where to fix it in Git; null for objects only in the cluster (fix the live object). */
  readonly file: string | null;
  readonly line: number | null;
  readonly message: string;
  /** The failing rules. */
  readonly rules: readonly string[];
  /** When the cluster last reported it failing (RFC 3339), when known. */
  readonly lastSeen: string | null;
}

/** Readiness of one namespace for one policy. */
export interface NamespaceReadiness {
  readonly namespace: string;
  readonly ready: boolean;
  readonly blockers: number;
}

/** One policy's readiness to enforce. */
export interface PolicyRollout {
  readonly policy: string;
  readonly kind: string;
  readonly mode: 'Audit' | 'Enforce';
  /** No blocker, and at least one resource was evaluated. */
  readonly ready: boolean;
  readonly blockers: readonly Blocker[];
  readonly namespaces: readonly NamespaceReadiness[];
  /** Resources evaluated in Git and in the cluster: a policy that met none is not called ready. */
  readonly evaluated: { readonly git: number; readonly cluster: number };
}

/** The whole status. */
export interface RolloutStatus {
  readonly policies: readonly PolicyRollout[];
  readonly summary: { readonly policies: number; readonly ready: number };
}
