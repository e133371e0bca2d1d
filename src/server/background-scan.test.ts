import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { JsonObject } from '../engine/json.js';
import { fixedClock } from '../engine/ports.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import { scanKinds, scanResources, type ScanDeps } from './background-scan.js';
import { loadSnapshot } from './policy-store.js';

const text = (file: string) => readFileSync(new URL(`./testdata/background-scan/${file}`, import.meta.url), 'utf8');
const documents = (file: string) => parseAllDocuments(text(file)).map((d) => d.toJSON() as JsonObject);
const NOW = new Date('2025-01-01T00:00:00Z');
const snapshot = loadSnapshot([], NOW, documents('policies.yaml'));

interface ScanCase {
  name: string;
  resource: JsonObject;
  want: [string, string, RuleResult['status']][];
}
const cases = parse(text('cases.yaml')) as ScanCase[];

const NAMESPACE_LABELS: Record<string, Record<string, string>> = { 'prod-a': { env: 'prod' }, dev: { env: 'dev' } };
const namespaces = (name: string) =>
  NAMESPACE_LABELS[name] && { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: NAMESPACE_LABELS[name] } };
const deps: ScanDeps = { services: { clock: fixedClock(NOW), namespaces } };
const summary = (results: readonly RuleResult[]) => results.map((r) => [r.policy, r.rule, r.status]);
const byName = (name: string) =>
  cases.find((c) => c.resource.metadata && (c.resource.metadata as JsonObject).name === name)!;

describe('scanResources (spec §13.7)', () => {
  it.each(cases)('$name', ({ resource, want }) => {
    expect(summary(scanResources(snapshot, [resource], deps))).toEqual(want);
  });

  it('reports the Enforce action and the validation message of a failure', () => {
    const [fail] = scanResources(snapshot, [byName('web').resource], deps);
    expect(fail).toMatchObject({
      policy: 'require-team',
      ruleType: 'validate',
      action: 'Enforce',
      resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' },
      message: "validation error: label 'team' is required. rule team failed at path /metadata/labels/",
    });
  });

  it('names the exception that caused a skip', () => {
    const [skip] = scanResources(snapshot, [byName('legacy-db').resource], deps);
    expect(skip).toMatchObject({ status: 'skip', exceptions: ['kyverno/legacy-team'] });
  });

  it('scans kube-system when the resource filters are emptied', () => {
    const results = scanResources(snapshot, [byName('coredns').resource], { ...deps, resourceFilters: [] });
    expect(summary(results)).toContainEqual(['require-team', 'team', 'fail']);
  });

  it('evaluates every resource of the iterable, in order', () => {
    const resources = ['api', 'web'].map((n) => byName(n).resource);
    expect(scanResources(snapshot, resources, deps).map((r) => r.resource.name)).toEqual([
      'api',
      'api',
      'api',
      'web',
      'web',
      'web',
    ]);
  });
});

describe('scanKinds', () => {
  it('lists the kinds of background validate rules, autogen included; wildcards apart; subresources dropped', () => {
    const all = loadSnapshot([], NOW, [...documents('policies.yaml'), ...documents('kinds.yaml')]);
    const { kinds, wildcards } = scanKinds(all);
    expect(kinds).toEqual([
      { kind: 'Pod' },
      { apiVersion: 'apps/v1', kind: 'DaemonSet' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'batch/v1', kind: 'Job' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
      { kind: 'ReplicationController' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet' },
      { apiVersion: 'batch/v1', kind: 'CronJob' },
      { kind: 'ConfigMap' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
    ]);
    // Not listed: Secret (background: false), ServiceAccount (reports disabled), Service (mutate only), Pod/exec.
    expect(wildcards).toEqual(['*']);
  });

  it('is empty when no policy scans in the background', () => {
    const none = loadSnapshot([], NOW, documents('policies.yaml').slice(1, 3));
    expect(scanKinds(none)).toEqual({ kinds: [], wildcards: [] });
  });
});
