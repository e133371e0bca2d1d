import { describe, expect, it } from 'vitest';
import type { ReportFinding } from '../report/summary/report-findings.js';
import type { RolloutStatus } from '../rollout/model.js';
import { buildSnapshot } from './snapshot.js';

const deployment = (name: string, namespace = 'shop') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  name,
  namespace,
});

function finding(over: Partial<ReportFinding>): ReportFinding {
  return {
    policy: 'p',
    rule: 'r',
    result: 'fail',
    message: 'm',
    namespace: 'shop',
    resource: deployment('web'),
    ...over,
  };
}

const rollout: RolloutStatus = {
  policies: [
    {
      policy: 'p',
      kind: 'ClusterPolicy',
      mode: 'Audit',
      ready: false,
      blockers: [
        {
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
          where: 'both',
          team: 'from-git',
          application: 'web',
          selfHeal: true,
          file: 'apps/web.yaml',
          line: 4,
          message: 'm',
          rules: ['r'],
          lastSeen: null,
        },
      ],
      namespaces: [],
      evaluated: { git: 1, cluster: 1 },
    },
    {
      policy: 'quiet',
      kind: 'ClusterPolicy',
      mode: 'Audit',
      ready: true,
      blockers: [],
      namespaces: [],
      evaluated: { git: 1, cluster: 0 },
    },
  ],
  summary: { policies: 2, ready: 1 },
};

describe('buildSnapshot', () => {
  const build = (findings: ReportFinding[], withRollout: boolean, teams: Record<string, string> = {}) =>
    buildSnapshot({
      findings,
      ...(withRollout ? { rollout } : {}),
      teamOf: (r) => teams[r.name],
      takenAt: 't',
      source: 's',
    });

  it.each([
    {
      name: 'a failing blocker gets its Git location and, lacking a label, the team rollout found',
      findings: [finding({})],
      withRollout: true,
      want: { file: 'apps/web.yaml', line: 4, team: 'from-git' },
    },
    {
      name: 'a passing result points nowhere in Git',
      findings: [finding({ result: 'pass' })],
      withRollout: true,
      want: { file: null, line: null },
    },
    {
      name: 'without a repository there is no Git location',
      findings: [finding({})],
      withRollout: false,
      want: { file: null, line: null, team: null },
    },
  ])('$name', ({ findings, withRollout, want }) => {
    expect(build(findings, withRollout).results[0]).toMatchObject(want);
  });

  it("prefers the resource's own team label", () => {
    expect(build([finding({})], true, { web: 'label-team' }).results[0].team).toBe('label-team');
  });

  it('skips results naming no resource and sorts rows by policy, namespace, kind, name', () => {
    const s = build(
      [
        finding({ resource: deployment('b') }),
        finding({ resource: undefined }),
        finding({ policy: 'a', resource: deployment('z', 'x') }),
        finding({ resource: deployment('a') }),
      ],
      false,
    );
    expect(s.results.map((r) => `${r.policy}/${r.name}`)).toEqual(['a/z', 'p/a', 'p/b']);
  });

  it('counts per policy and carries mode, readiness and blockers, including a policy with no results', () => {
    const s = build([finding({}), finding({ result: 'pass', resource: deployment('api') })], true);
    expect(s.policies).toEqual([
      { policy: 'p', mode: 'Audit', ready: false, blockers: 1, pass: 1, fail: 1, warn: 0, error: 0, skip: 0 },
      { policy: 'quiet', mode: 'Audit', ready: true, blockers: 0, pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
    ]);
  });
});
