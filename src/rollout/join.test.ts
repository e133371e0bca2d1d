import { describe, expect, it } from 'vitest';
import { identity, rolloutStatus, type ClusterResult, type GitResult, type RolloutInputs } from './join.js';
import type { ResourceRef } from './model.js';

const ref = (kind: string, namespace: string, name: string, apiVersion = 'v1'): ResourceRef => ({
  apiVersion,
  kind,
  namespace,
  name,
});
const audit = { policy: 'p', kind: 'ClusterPolicy', mode: 'Audit' as const, actionIn: () => 'Audit' as const };
const inputs = (over: Partial<RolloutInputs>): RolloutInputs => ({
  policies: [audit],
  gitResources: [],
  git: [],
  cluster: [],
  selfHeal: new Map(),
  teamOf: () => undefined,
  trackedBy: () => undefined,
  ...over,
});
const git = (resource: ResourceRef, status: GitResult['status']): GitResult => ({
  policy: 'p',
  rule: 'r',
  resource,
  status,
  message: `${status} in git`,
  file: 'a.yaml',
  line: 3,
});
const cluster = (resource: ResourceRef, status: ClusterResult['status'], seen?: string): ClusterResult => ({
  policy: 'p',
  rule: 'r',
  resource,
  status,
  message: `${status} in cluster`,
  seen,
});

describe('rolloutStatus', () => {
  it('joins across API versions of one group, and keeps the latest time the cluster saw the failure', () => {
    const inGit = ref('Deployment', 'a', 'web', 'apps/v1');
    const live = ref('Deployment', 'a', 'web', 'apps/v1beta2');
    const s = rolloutStatus(
      inputs({
        gitResources: [{ resource: inGit, file: 'a.yaml', line: 1 }],
        git: [git(inGit, 'fail')],
        cluster: [cluster(live, 'fail', '2026-01-01T00:00:00Z'), cluster(live, 'error', '2026-02-01T00:00:00Z')],
      }),
    );
    expect(identity(inGit)).toBe(identity(live));
    expect(s.policies[0].blockers).toMatchObject([{ where: 'both', lastSeen: '2026-02-01T00:00:00Z', line: 3 }]);
  });

  it.each([
    ['an error blocks like a failure', [cluster(ref('Pod', 'a', 'x'), 'error')], 1],
    ['warn and skip do not block', [cluster(ref('Pod', 'a', 'x'), 'warn'), cluster(ref('Pod', 'a', 'y'), 'skip')], 0],
  ])('%s', (_, results, blockers) => {
    expect(rolloutStatus(inputs({ cluster: results })).policies[0].blockers).toHaveLength(blockers);
  });

  it.each([
    { name: 'Git evaluated and passes', git: [git(ref('Pod', 'a', 'x'), 'pass')], where: 'git-fixed-not-synced' },
    // e.g. a namespaceSelector: offline, Git's version is not reached, so it is not known to be fixed.
    { name: 'Git has it, no Git result for the policy', git: [], where: 'cluster' },
  ])('a resource failing in the cluster and in Git: $name → $where', ({ git: gitResults, where }) => {
    const x = ref('Pod', 'a', 'x');
    const s = rolloutStatus(
      inputs({
        gitResources: [{ resource: x, file: 'x.yaml', line: 1, application: 'shop' }],
        git: gitResults,
        cluster: [cluster(x, 'fail')],
      }),
    );
    expect(s.policies[0].blockers).toMatchObject([{ where, application: 'shop', file: 'x.yaml', line: 1 }]);
  });

  it('an error does not block a policy whose failurePolicy is Ignore (Enforce admits it, as serve marks it)', () => {
    const ignoring = { ...audit, failurePolicy: 'Ignore' as const };
    const results = [cluster(ref('Pod', 'a', 'x'), 'error'), cluster(ref('Pod', 'a', 'y'), 'fail')];
    const s = rolloutStatus(inputs({ policies: [ignoring], cluster: results }));
    expect(s.policies[0].blockers.map((b) => b.resource.name)).toEqual(['y']);
  });

  it('counts failures only where the action is Audit today', () => {
    const p = {
      ...audit,
      mode: 'Enforce' as const,
      actionIn: (_: string, ns: string) => (ns === 'legacy' ? 'Audit' : 'Enforce') as 'Audit' | 'Enforce',
    };
    const s = rolloutStatus(
      inputs({
        policies: [p],
        cluster: [cluster(ref('Pod', 'legacy', 'x'), 'fail'), cluster(ref('Pod', 'prod', 'y'), 'fail')],
      }),
    );
    expect(s.policies[0].blockers.map((b) => b.resource.name)).toEqual(['x']);
    expect(s.policies[0].namespaces).toEqual([{ namespace: 'legacy', ready: false, blockers: 1 }]);
  });

  it('is ready only when something was evaluated; cluster-scoped resources have no namespace row', () => {
    expect(rolloutStatus(inputs({})).policies[0].ready).toBe(false);
    const s = rolloutStatus(inputs({ cluster: [cluster(ref('Namespace', '', 'team-a'), 'pass')] }));
    expect(s.policies[0]).toMatchObject({ ready: true, namespaces: [], evaluated: { git: 0, cluster: 1 } });
    expect(s.summary).toEqual({ policies: 1, ready: 1 });
  });
});
