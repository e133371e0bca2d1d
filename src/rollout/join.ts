// The blast radius of Enforce: Git results and cluster results of the policies in Audit, joined by resource
// identity into blockers per policy and readiness per namespace. Pure: the drivers gather the inputs.
import { deniedUnderEnforce } from '../report/would-block.js';
import type { Blocker, BlockerWhere, NamespaceReadiness, PolicyRollout, ResourceRef, RolloutStatus } from './model.js';

/** A rule result status, as the engine and PolicyReports spell it. */
export type ResultStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** A policy whose rollout is in question, and how its failures act per rule and namespace. */
export interface PolicyUnderRollout {
  readonly policy: string;
  readonly kind: string;
  readonly mode: 'Audit' | 'Enforce';
  /** Under Ignore, an error is admitted even in Enforce. */
  readonly failurePolicy?: 'Fail' | 'Ignore';
  actionIn(rule: string, namespace: string): 'Audit' | 'Enforce';
}

/** A resource rendered from Git, with its place and owning Application. */
export interface GitResource {
  readonly resource: ResourceRef;
  readonly file: string;
  readonly line: number;
  readonly application?: string;
}

/** A validate result of a Git resource (located at the offending field). */
export interface GitResult {
  readonly policy: string;
  readonly rule: string;
  readonly resource: ResourceRef;
  readonly status: ResultStatus;
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

/** A result for a live object: from a PolicyReport, or from evaluating the object. */
export interface ClusterResult {
  readonly policy: string;
  readonly rule: string;
  readonly resource: ResourceRef;
  readonly status: ResultStatus;
  readonly message: string;
  /** When it was reported (RFC 3339). */
  readonly seen?: string;
}

/** Everything the join needs. */
export interface RolloutInputs {
  readonly policies: readonly PolicyUnderRollout[];
  readonly gitResources: readonly GitResource[];
  readonly git: readonly GitResult[];
  readonly cluster: readonly ClusterResult[];
  /** Self-healing by Application name (Applications found in Git). */
  readonly selfHeal: ReadonlyMap<string, boolean>;
  /** The owning team of a resource. */
  teamOf(resource: ResourceRef): string | undefined;
  /** The Application a live object names in its Argo CD tracking label or annotation. */
  trackedBy(resource: ResourceRef): string | undefined;
}

/** Join Git and cluster results into each policy's blockers and readiness. */
export function rolloutStatus(inputs: RolloutInputs): RolloutStatus {
  const gitByKey = new Map(inputs.gitResources.map((g) => [identity(g.resource), g]));
  const policies = inputs.policies.map((p) => policyRollout(p, inputs, gitByKey));
  return { policies, summary: { policies: policies.length, ready: policies.filter((p) => p.ready).length } };
}

interface Side<R> {
  readonly resource: ResourceRef;
  /** Results of rules whose failures Enforce would newly reject (their action is Audit today). */
  readonly audited: R[];
}

function policyRollout(
  p: PolicyUnderRollout,
  inputs: RolloutInputs,
  gitByKey: ReadonlyMap<string, GitResource>,
): PolicyRollout {
  const git = bySubject(inputs.git.filter((r) => r.policy === p.policy));
  const cluster = bySubject(inputs.cluster.filter((r) => r.policy === p.policy));
  const audited = <R extends { rule: string; resource: ResourceRef }>(side: Map<string, Side<R>>) =>
    new Map(
      [...side].map(([k, s]) => [
        k,
        { ...s, audited: s.audited.filter((r) => p.actionIn(r.rule, r.resource.namespace) === 'Audit') },
      ]),
    );
  const gitAudited = audited(git);
  const clusterAudited = audited(cluster);
  const blockers: Blocker[] = [];
  const namespaces = new Map<string, number>();
  for (const key of new Set([...gitAudited.keys(), ...clusterAudited.keys()])) {
    const g = gitAudited.get(key);
    const c = clusterAudited.get(key);
    const resource = (g ?? c)!.resource;
    if (g?.audited.length || c?.audited.length)
      namespaces.set(resource.namespace, namespaces.get(resource.namespace) ?? 0);
    // Enforce rejects failures, and errors under failurePolicy Fail (the default), as serve's would-block mark.
    const blocks = (r: { status: ResultStatus }) => deniedUnderEnforce(r.status, () => p.failurePolicy);
    const gitFails = g?.audited.filter(blocks) ?? [];
    const clusterFails = c?.audited.filter(blocks) ?? [];
    if (gitFails.length === 0 && clusterFails.length === 0) continue;
    const inGit = gitByKey.get(key);
    // Fixed in Git only when Git's version was evaluated and passes: a resource the policy does not reach offline
    // (a namespaceSelector without the Namespace's labels) is not known to be fixed.
    const where: BlockerWhere =
      gitFails.length > 0 ? (clusterFails.length > 0 ? 'both' : 'git') : g ? 'git-fixed-not-synced' : 'cluster';
    const application = inGit?.application ?? (inGit ? undefined : inputs.trackedBy(resource));
    const located = gitFails[0] ?? inGit;
    const seen = clusterFails.map((r) => r.seen).filter((s): s is string => !!s);
    blockers.push({
      resource,
      where,
      team: inputs.teamOf(resource) ?? null,
      application: application ?? null,
      selfHeal: application !== undefined ? (inputs.selfHeal.get(application) ?? null) : null,
      file: located?.file ?? null,
      line: located?.line ?? null,
      message: (gitFails[0] ?? clusterFails[0]).message,
      rules: [...new Set([...gitFails, ...clusterFails].map((r) => r.rule))].sort(),
      lastSeen: seen.length > 0 ? seen.sort().at(-1)! : null,
    });
    namespaces.set(resource.namespace, (namespaces.get(resource.namespace) ?? 0) + 1);
  }
  blockers.sort((a, b) => compareRefs(a.resource, b.resource));
  const evaluated = { git: git.size, cluster: cluster.size };
  return {
    policy: p.policy,
    kind: p.kind,
    mode: p.mode,
    ready: blockers.length === 0 && evaluated.git + evaluated.cluster > 0,
    blockers,
    namespaces: namespaceReadiness(namespaces),
    evaluated,
  };
}

function bySubject<R extends { resource: ResourceRef }>(results: readonly R[]): Map<string, Side<R>> {
  const out = new Map<string, Side<R>>();
  for (const r of results) {
    const key = identity(r.resource);
    const side = out.get(key) ?? { resource: r.resource, audited: [] };
    side.audited.push(r);
    out.set(key, side);
  }
  return out;
}

// Cluster-scoped resources have no namespace to enforce in; they count for the policy only.
function namespaceReadiness(counts: ReadonlyMap<string, number>): NamespaceReadiness[] {
  return [...counts]
    .filter(([ns]) => ns !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, blockers]) => ({ namespace, ready: blockers === 0, blockers }));
}

/** A resource's identity across Git and the cluster: API group (not version), kind, namespace and name. */
export function identity(r: ResourceRef): string {
  const group = r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.lastIndexOf('/')) : '';
  return [group, r.kind, r.namespace, r.name].join('\u0000');
}

function compareRefs(a: ResourceRef, b: ResourceRef): number {
  const x = [a.namespace, a.kind, a.name].join('\u0000');
  const y = [b.namespace, b.kind, b.name].join('\u0000');
  return x < y ? -1 : x > y ? 1 : 0;
}
