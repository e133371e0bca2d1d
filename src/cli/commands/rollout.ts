// `tollgate rollout status [REPO] [--reports PATH... | --cluster]`: for each policy in Audit, the resources Enforce
// would block, from Git (the check engine on the rendered repository) and the cluster (PolicyReports, and with
// --cluster the live objects evaluated now), joined by resource identity.
import {
  backgroundScanKinds,
  closestMatch,
  isObject,
  loadPolicies,
  renderDiagnostic,
  validationModes,
  wildcardMatch,
  type Clock,
  type JsonObject,
  type LoadedPolicy,
  type PolicySet,
  renderSourceError,
} from '../../engine/index.js';
import { readOrFail } from '../read-inputs.js';
import { teamLookup, type TeamOf } from '../../report/summary/team-lookup.js';
import { identity, rolloutStatus, type ClusterResult, type GitResource, type GitResult } from '../../rollout/join.js';
import type { RolloutStatus } from '../../rollout/model.js';
import { renderRollout } from '../../rollout/render.js';
import { clusterResults, gitSide, policiesUnderRollout, refOf, trackingApplication } from '../../rollout/sources.js';
import { EXIT, UserError } from '../errors.js';
import { ROLLOUT_FORMATS } from '../formats.js';
import { runCheck } from './check-run.js';
import { loadKubeConfig } from './cluster-reports.js';
import { readReportSide, type ReportSide } from './report-inputs.js';
import { offlineServices } from './offline-cluster.js';

export { ROLLOUT_FORMATS };

/** Options of `tollgate rollout status`. */
export interface RolloutStatusOptions {
  /** Policy files or directories besides those in the repository. */
  readonly policies?: readonly string[];
  /** Only these policies (names, wildcards allowed). */
  readonly policy?: readonly string[];
  /** PolicyReport files or directories; other objects among them are live objects (teams, Application tracking). */
  readonly reports?: readonly string[];
  readonly cluster?: boolean;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly output: (typeof ROLLOUT_FORMATS)[number];
}

/** The rendered status, notes for stderr, and the exit code. */
export interface RolloutRun {
  readonly status: RolloutStatus;
  readonly output: string;
  readonly notes: string[];
  readonly exitCode: number;
  /** The owning-team lookup the blockers were named with (Git objects, then live objects and Namespaces). */
  readonly teamOf: TeamOf;
}

/** What a caller has read already and need not be read again (the dashboard's reports, promote's repository). */
export interface RolloutReads {
  /** The repository (`readGitSide(repo, opts.policies)`). */
  readonly git?: GitSide;
  /** The reports of `opts` (`readReportSide(opts)`). */
  readonly reports?: ReportSide;
}

/** Gather both sides (those not given in `read`), join them, render; UserError for unusable input (exit 2). */
export async function runRolloutStatus(
  repo: string | undefined,
  opts: RolloutStatusOptions,
  clock: Clock,
  read: RolloutReads = {},
): Promise<RolloutRun> {
  if (!opts.cluster && (opts.kubeconfig || opts.context))
    throw new UserError('--kubeconfig and --context need --cluster');
  if (!repo && !opts.reports?.length && !opts.cluster)
    throw new UserError('nothing to compare: give a repository, --reports files or --cluster');
  const notes: string[] = [];
  const git = read.git ?? (repo ? readGitSide(repo, opts.policies, clock) : readPoliciesOnly(opts));
  const policies = selectPolicies(policiesUnderRollout(validationModes(git.policySet)), opts.policy);
  const side = read.reports ?? (await readReportSide(opts, notes));
  const live: JsonObject[] = [...side.objects];
  const cluster: ClusterResult[] = clusterResults(side.findings);
  if (opts.cluster) {
    const c = await evaluateLiveObjects(opts, git.policySet, side.objects, clock, notes);
    live.push(...c.objects);
    cluster.push(...c.results);
  }
  const liveByKey = new Map(live.map((o) => [identity(refOf(o)), o]));
  const teamOf = teamLookup([...git.objects, ...live]);
  const status = rolloutStatus({
    policies,
    gitResources: git.resources,
    git: git.results,
    cluster,
    selfHeal: git.selfHeal,
    teamOf,
    trackedBy: (r) => {
      const o = liveByKey.get(identity(r));
      return o ? trackingApplication(o) : undefined;
    },
  });
  const evaluated = status.policies.some((p) => p.evaluated.git + p.evaluated.cluster > 0);
  if (policies.length > 0 && !evaluated)
    notes.push('nothing was evaluated: no resource in Git or in the cluster has results for these policies');
  else if (policies.length === 0) notes.push('no policy is in Audit: every validating policy already enforces');
  return {
    status,
    output: renderRollout(status, opts.output),
    notes,
    exitCode: policies.length > 0 && !evaluated ? EXIT.usage : EXIT.ok,
    teamOf,
  };
}

/** The repository's side of a rollout: its policies, its rendered resources and their results. */
export interface GitSide {
  readonly policySet: PolicySet;
  /** The policies written in the repository (not given with `--policies`). */
  readonly repositoryPolicies: readonly LoadedPolicy[];
  readonly resources: GitResource[];
  readonly results: GitResult[];
  readonly objects: JsonObject[];
  readonly selfHeal: ReadonlyMap<string, boolean>;
}

/** The repository read as `check` reads it, with `policies` besides its own; UserError when it does not load. */
export function readGitSide(repo: string, policies: readonly string[] | undefined, clock: Clock): GitSide {
  const run = runCheck(repo, { policies: policies ?? [] }, clock);
  // A policy or manifest that does not load is an error, as in check; an empty side is not.
  const fatal = run.report.errors.find((e) => !e.message.startsWith('nothing was checked'));
  if (fatal) throw new UserError(renderSourceError(fatal));
  const side = gitSide(run.resources, run.report.results);
  return {
    policySet: run.policySet,
    repositoryPolicies: run.repositoryPolicies,
    ...side,
    objects: run.resources.map((r) => r.source.value as JsonObject),
    selfHeal: new Map(run.applications.map((a) => [a.name, a.selfHeal])),
  };
}

function readPoliciesOnly(opts: RolloutStatusOptions): GitSide {
  if (!opts.policies?.length) throw new UserError('without a repository, give the policies with --policies');
  const loaded = loadPolicies(readOrFail(opts.policies));
  const d = loaded.diagnostics[0];
  if (d) throw new UserError(renderDiagnostic(d));
  return {
    policySet: loaded.policySet,
    repositoryPolicies: [],
    resources: [],
    results: [],
    objects: [],
    selfHeal: new Map(),
  };
}

function selectPolicies<P extends { policy: string }>(all: P[], names: readonly string[] | undefined): P[] {
  if (!names?.length) return all;
  for (const n of names)
    if (!all.some((p) => wildcardMatch(n, p.policy))) {
      const hint = closestMatch(
        n,
        all.map((p) => p.policy),
      );
      throw new UserError(`--policy ${n}: no policy in Audit has that name${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
  return all.filter((p) => names.some((n) => wildcardMatch(n, p.policy)));
}

// The cluster's live objects of the kinds the policies match, evaluated now with their Namespaces' labels.
async function evaluateLiveObjects(
  opts: RolloutStatusOptions,
  set: PolicySet,
  known: readonly JsonObject[],
  clock: Clock,
  notes: string[],
): Promise<{ results: ClusterResult[]; objects: JsonObject[] }> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { kubeResourceSource } = await import('../../server/background-scanner.js');
  const { scanResources } = await import('../../server/background-scan.js');
  const { resolveKinds } = await import('../../cluster/discovery.js');
  const kc = loadKubeConfig(new KubeConfig(), opts);
  const source = kubeResourceSource(kc, (m) => notes.push(m));
  const { kinds } = backgroundScanKinds(set);
  const { specs } = resolveKinds(kinds, await source.discover());
  const objects = (await Promise.all(specs.map((s) => source.list(s)))).flat();
  // The Namespaces read with the reports, unless the policies' kinds brought them already.
  const namespaces = objects.some(isNamespace) ? [] : known.filter(isNamespace);
  // Namespaces resolve namespace selectors and name teams; only objects of the policies' kinds are evaluated.
  const byName = new Map([...objects, ...namespaces].filter(isNamespace).map((n) => [nameOf(n), n]));
  const services = { ...offlineServices([...objects, ...namespaces], clock), namespaces: (n: string) => byName.get(n) };
  const seen = clock.now().toISOString();
  // As a background scan does: Kyverno's default resource filters (kube-system, Events, …) leave objects out.
  const results = scanResources({ policySet: set }, objects, { services })
    .filter((r) => r.ruleType === 'validate')
    .map((r) => ({ policy: r.policy, rule: r.rule, resource: r.resource, status: r.status, message: r.message, seen }));
  return { results, objects };
}

function isNamespace(o: JsonObject): boolean {
  return o.kind === 'Namespace' && o.apiVersion === 'v1';
}

function nameOf(o: JsonObject): string {
  return isObject(o.metadata) && typeof o.metadata.name === 'string' ? o.metadata.name : '';
}
