import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/index.js';
import { runCheck } from './commands/check-run.js';
import { runRolloutPromote } from './commands/rollout-promote.js';
import { runRolloutStatus, type RolloutStatusOptions } from './commands/rollout.js';
import { UserError } from './errors.js';
import type { Blocker, RolloutStatus } from '../rollout/model.js';

const dir = new URL('./testdata/rollout/', import.meta.url).pathname;
const repo = `${dir}repo`;
const reports = [`${dir}reports`];
const clock = fixedClock(new Date('2026-12-05T08:00:00Z'));

// The fields a reader checks first: which resource, where it fails, who owns it, where to fix it.
function brief(b: Blocker) {
  const { resource, where, team, application, selfHeal, file, line } = b;
  return {
    resource: `${resource.kind} ${resource.namespace}/${resource.name}`,
    where,
    team,
    application,
    selfHeal,
    file,
    line,
  };
}

async function status(opts: Parameters<typeof runRolloutStatus>[1], root: string | undefined) {
  const run = await runRolloutStatus(root, opts, clock);
  return { run, status: JSON.parse(run.output) as RolloutStatus };
}

describe('rollout status: Git and PolicyReports side by side', () => {
  it('sorts every blocker into both, fixed-not-synced, cluster-only (managed and unmanaged) and git-only', async () => {
    const { run, status: s } = await status({ reports, output: 'json' }, repo);
    expect(run.exitCode).toBe(0);
    const team = s.policies.find((p) => p.policy === 'require-team-label')!;
    expect(team).toMatchObject({
      kind: 'ClusterPolicy',
      mode: 'Audit',
      ready: false,
      evaluated: { git: 3, cluster: 5 },
    });
    expect(team.blockers.map(brief)).toEqual([
      {
        resource: 'Deployment sandbox/debug',
        where: 'cluster',
        team: 'platform',
        application: null,
        selfHeal: null,
        file: null,
        line: null,
      },
      {
        resource: 'Deployment shop/api',
        where: 'git-fixed-not-synced',
        team: 'payments',
        application: 'api',
        selfHeal: false,
        file: 'apps/api/deployment.yaml',
        line: 2,
      },
      {
        resource: 'Deployment shop/legacy-cron',
        where: 'cluster',
        team: null,
        application: 'old-batch',
        selfHeal: null,
        file: null,
        line: null,
      },
      {
        resource: 'Deployment shop/web',
        where: 'both',
        team: null,
        application: 'web',
        selfHeal: true,
        file: 'apps/web/deployment.yaml',
        line: 4,
      },
      {
        resource: 'Deployment shop/worker',
        where: 'git',
        team: null,
        application: 'web',
        selfHeal: true,
        file: 'apps/web/worker.yaml',
        line: 4,
      },
    ]);
    expect(team.blockers.find((b) => b.resource.name === 'api')!.lastSeen).toBe('2026-12-05T06:10:00.000Z');
    expect(team.namespaces).toEqual([
      { namespace: 'sandbox', ready: false, blockers: 1 },
      { namespace: 'shop', ready: false, blockers: 4 },
    ]);
    expect(s.summary).toEqual({ policies: 2, ready: 0 });
  });

  it('takes an Enforce policy with an Audit override, and counts only the namespaces that still audit', async () => {
    const { status: s } = await status({ reports, output: 'json' }, repo);
    const latest = s.policies.find((p) => p.policy === 'disallow-latest-tag')!;
    expect(latest.mode).toBe('Enforce');
    // sandbox enforces already: its failing Deployment is no rollout blocker.
    expect(latest.blockers.map(brief)).toEqual([
      {
        resource: 'Deployment shop/web',
        where: 'both',
        team: null,
        application: 'web',
        selfHeal: true,
        file: 'apps/web/deployment.yaml',
        line: 15,
      },
    ]);
    expect(latest.namespaces).toEqual([{ namespace: 'shop', ready: false, blockers: 1 }]);
  });

  it('with the policies only, every failing live object is a cluster blocker', async () => {
    const { status: s } = await status(
      { policies: [`${repo}/policies`], reports, policy: ['require-*'], output: 'json' },
      undefined,
    );
    expect(s.policies.map((p) => p.policy)).toEqual(['require-team-label']);
    expect(new Set(s.policies[0].blockers.map((b) => b.where))).toEqual(new Set(['cluster']));
    expect(s.policies[0].blockers).toHaveLength(4);
  });

  it('does not call a policy ready when nothing was evaluated for it (exit 2)', async () => {
    const policies = [`${repo}/policies/require-team-label.yaml`];
    const { run, status: s } = await status({ policies, reports: [`${dir}other-reports`], output: 'json' }, undefined);
    expect(s.policies).toMatchObject([{ policy: 'require-team-label', ready: false, blockers: [] }]);
    expect(run.notes.join('\n')).toContain('nothing was evaluated');
    expect(run.exitCode).toBe(2);
  });

  it('refuses report inputs that hold no PolicyReport', async () => {
    const opts = {
      policies: [`${repo}/policies`],
      reports: [`${dir}reports/live-objects.yaml`],
      output: 'json' as const,
    };
    await expect(runRolloutStatus(undefined, opts, clock)).rejects.toThrow(UserError);
  });

  it('renders Markdown for a pull request comment and text for a terminal', async () => {
    const md = (await runRolloutStatus(repo, { reports, output: 'markdown' }, clock)).output;
    expect(md).toContain('| Deployment shop/api | fixed in Git, not synced yet | payments | api |');
    expect(md).toContain('0 of 2 policies still auditing are ready to enforce');
    const text = (await runRolloutStatus(repo, { reports, output: 'text' }, clock)).output;
    expect(text).toContain('Application web (self-heals: Enforce would reject every re-sync)');
    expect(text).toContain('fix: the live object');
  });

  it.each<[string | undefined, RolloutStatusOptions, string]>([
    [undefined, { output: 'json' }, 'nothing to compare'],
    [repo, { policy: ['require-teem-label'], reports, output: 'json' }, 'did you mean require-team-label?'],
    [undefined, { kubeconfig: 'x', output: 'json' }, '--kubeconfig and --context need --cluster'],
  ])('refuses %s %o with one line: %s', async (root, opts, message) => {
    await expect(runRolloutStatus(root, opts, clock)).rejects.toThrow(message);
  });
});

describe('rollout promote', () => {
  const copy = () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-promote-'));
    cpSync(repo, root, { recursive: true });
    return root;
  };
  const policyFile = (root: string) => join(root, 'policies', 'require-team-label.yaml');
  const blocking = (root: string) =>
    runCheck(root, { policies: [] }, clock).report.results.filter((r) => r.result === 'fail' && r.action === 'Enforce');

  it('refuses a policy that is not ready, and writes nothing', async () => {
    const root = copy();
    const before = readFileSync(policyFile(root), 'utf8');
    const r = await runRolloutPromote('require-team-label', root, { reports }, clock);
    expect(r.exitCode).toBe(1);
    expect(r.notes.join('\n')).toContain('require-team-label is not ready: 5 resources would be blocked');
    expect(readFileSync(policyFile(root), 'utf8')).toBe(before);
  });

  it('with --force edits the one line, keeps the comments, and check then blocks', async () => {
    const root = copy();
    const before = readFileSync(policyFile(root), 'utf8');
    expect(blocking(root)).toEqual([]);
    const r = await runRolloutPromote('require-team-label', root, { reports, force: true }, clock);
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('-  validationFailureAction: Audit\n+  validationFailureAction: Enforce');
    const after = readFileSync(policyFile(root), 'utf8');
    expect(after).toBe(before.replace('validationFailureAction: Audit', 'validationFailureAction: Enforce'));
    expect(blocking(root).map((f) => `${f.policy} ${f.resource.name}`)).toEqual([
      'require-team-label web',
      'require-team-label worker',
    ]);
  });

  it('with --namespace lifts the Audit override there', async () => {
    const root = copy();
    const r = await runRolloutPromote(
      'disallow-latest-tag',
      root,
      { reports, namespace: ['shop'], force: true },
      clock,
    );
    expect(r.exitCode).toBe(0);
    const doc = parse(readFileSync(join(root, 'policies', 'disallow-latest.yaml'), 'utf8'));
    expect(doc.spec.validationFailureAction).toBe('Enforce');
    expect(doc.spec.validationFailureActionOverrides).toBeUndefined();
    expect(blocking(root).map((f) => `${f.policy} ${f.resource.name}`)).toEqual(['disallow-latest-tag web']);
  });

  it('finds a Policy by the key its results carry: a Policy without a namespace is in default', async () => {
    const root = copy();
    const file = join(root, 'policies', 'need-owner.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: kyverno.io/v1',
        'kind: Policy',
        'metadata: {name: need-owner}',
        'spec:',
        '  validationFailureAction: Audit',
        '  rules:',
        '    - name: owner',
        '      match: {any: [{resources: {kinds: [ConfigMap]}}]}',
        '      validate: {pattern: {metadata: {labels: {owner: "?*"}}}}',
        '',
      ].join('\n'),
    );
    const r = await runRolloutPromote('default/need-owner', root, { reports, force: true }, clock);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('validationFailureAction: Enforce');
    await expect(runRolloutPromote('need-owner', root, { reports }, clock)).rejects.toThrow('no policy need-owner in');
  });

  it('says a policy that enforces everywhere has nothing to promote', async () => {
    const root = copy();
    await runRolloutPromote('require-team-label', root, { reports, force: true }, clock);
    await expect(runRolloutPromote('require-team-label', root, { reports }, clock)).rejects.toThrow(
      'require-team-label already enforces everywhere: nothing to promote',
    );
  });

  it('names a policy that is not in the repository', async () => {
    await expect(runRolloutPromote('nope', copy(), { reports }, clock)).rejects.toThrow('no policy nope in');
  });
});
