// `tollgate rollout status --cluster` against a real API server: Audit policies, live objects that violate them
// (and one that does not), and a Git repository that has fixed one of them, not synced yet. The cluster side of
// the blast radius must name exactly the violating live objects.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster/cluster.mjs';
import { tollgate } from './support/tollgate.js';

const repo = fileURLToPath(new URL('../../src/cli/testdata/rollout/repo', import.meta.url));
const storefrontOwner = fileURLToPath(new URL('./fixtures/rollout/storefront-owner.yaml', import.meta.url));
let cluster: Cluster;

const deployment = (
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
  namespace = 'shop',
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels, annotations },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name, image: `registry.example.com/${name}:1.0.0` }] },
    },
  },
});

beforeAll(async () => {
  cluster = await startCluster({ log: (line) => console.log(`cluster: ${line}`) });
  await cluster.kubectl(['create', 'namespace', 'shop']);
  await cluster.kubectl(['label', 'namespace', 'shop', 'team=storefront']);
  const live = [
    deployment('web', { app: 'web' }, { 'argocd.argoproj.io/tracking-id': 'web:apps/Deployment:shop/web' }),
    // Git has already added the team label to api; the cluster runs the version without it.
    deployment('api', { app: 'api' }, { 'argocd.argoproj.io/tracking-id': 'api:apps/Deployment:shop/api' }),
    deployment('legacy-cron', {}, { 'argocd.argoproj.io/tracking-id': 'old-batch:apps/Deployment:shop/legacy-cron' }),
    deployment('debug', {}),
    deployment('billing', { team: 'payments' }),
    // Kyverno's default resource filters leave kube-system out of scans: not a blocker, though it has no team.
    deployment('dns-helper', {}, {}, 'kube-system'),
  ];
  await cluster.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: live }));
});

afterAll(async () => {
  await cluster?.stop();
});

describe('rollout status --cluster', () => {
  it('names exactly the violating live objects, joined with Git', () => {
    const r = tollgate(
      ['rollout', 'status', repo, '--cluster', '--policy', 'require-team-label', '-o', 'json'],
      cluster.env,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [policy] = JSON.parse(r.stdout).policies;
    const blockers = policy.blockers.map(
      (b: { resource: { name: string }; where: string; application: string | null; team: string | null }) => [
        b.resource.name,
        b.where,
        b.application,
        b.team,
      ],
    );
    // Teams: api's label in Git, else the live Namespace's.
    expect(blockers).toEqual([
      ['api', 'git-fixed-not-synced', 'api', 'payments'],
      ['debug', 'cluster', null, 'storefront'],
      ['legacy-cron', 'cluster', 'old-batch', 'storefront'],
      ['web', 'both', 'web', 'storefront'],
      ['worker', 'git', 'web', 'storefront'],
    ]);
    const live = policy.blockers
      .filter((b: { where: string }) => b.where !== 'git')
      .map((b: { resource: { name: string } }) => b.resource.name);
    expect(live.sort()).toEqual(['api', 'debug', 'legacy-cron', 'web']);
    expect(policy.evaluated.cluster).toBe(5);
  });

  it("evaluates live objects with their Namespace's labels (namespaceSelector)", () => {
    const r = tollgate(
      [
        'rollout',
        'status',
        repo,
        '--cluster',
        '--policies',
        storefrontOwner,
        '--policy',
        'storefront-owner',
        '-o',
        'json',
      ],
      cluster.env,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [policy] = JSON.parse(r.stdout).policies;
    expect(
      policy.blockers.map((b: { resource: { name: string }; where: string }) => `${b.resource.name} ${b.where}`),
    ).toEqual(['api cluster', 'billing cluster', 'debug cluster', 'legacy-cron cluster', 'web cluster']);
  });
});
