import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/json.js';
import { isPolicyReport, reportFindings, reportLabel } from './report-findings.js';
import { loadDocs, loadReports } from './testdata/load.js';

const [shop, payments, cluster, openReport] = loadReports();

describe('isPolicyReport', () => {
  it.each([
    ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', true],
    ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport', true],
    ['wgpolicyk8s.io/v1beta1', 'PolicyReport', true],
    ['openreports.io/v1alpha1', 'Report', true],
    ['openreports.io/v1alpha1', 'ClusterReport', true],
    ['openreports.io/v1alpha1', 'PolicyReport', false],
    ['wgpolicyk8s.io/v1alpha2', 'Report', false],
    ['kyverno.io/v1', 'ClusterPolicy', false],
    ['v1', 'ConfigMap', false],
  ])('%s %s → %s', (apiVersion, kind, expected) => {
    expect(isPolicyReport({ apiVersion, kind })).toBe(expected);
  });

  it.each([[null], ['PolicyReport'], [{ kind: 'PolicyReport' }]])('rejects %j', (v) => {
    expect(isPolicyReport(v)).toBe(false);
  });
});

describe('reportFindings', () => {
  it('takes the resource from `scope` when results name none', () => {
    const { findings } = reportFindings(shop);
    expect(findings.map((f) => [f.result, f.resource?.name, f.namespace])).toEqual([
      ['pass', 'web-1', 'shop'],
      ['fail', 'web-1', 'shop'],
      ['error', 'web-1', 'shop'],
    ]);
    expect(findings[1]).toMatchObject({ severity: 'medium', category: 'Best Practices' });
  });

  it('reads resources listed per result', () => {
    const { findings } = reportFindings(payments);
    expect(findings.map((f) => [f.policy, f.result, f.resource?.kind])).toEqual([
      ['require-labels', 'fail', 'Deployment'],
      ['disallow-latest-tag', 'pass', 'Deployment'],
      ['payments/limit-replicas', 'warn', 'Deployment'],
      ['restrict-host-path', 'skip', 'Deployment'],
    ]);
  });

  it('gives cluster-scoped resources the empty namespace', () => {
    expect(reportFindings(cluster).findings.map((f) => [f.resource?.name, f.namespace])).toEqual([
      ['shop', ''],
      ['default', ''],
    ]);
  });

  it('reads OpenReports `description` and `subjects`', () => {
    expect(reportFindings(openReport).findings[0]).toEqual({
      policy: 'disallow-latest-tag',
      rule: 'validate-image-tag',
      result: 'fail',
      message: 'image nginx:latest uses the latest tag',
      resource: { apiVersion: 'v1', kind: 'Pod', name: 'worker', namespace: 'payments' },
      namespace: 'payments',
    });
  });

  it.each<[JsonObject[], string[]]>([
    [
      [
        { kind: 'Pod', name: 'a', namespace: 'x' },
        { kind: 'Pod', name: 'b' },
      ],
      ['x', 'r'],
    ],
    [[], ['r']],
  ])('gives one finding per resource (%j)', (resources, namespaces) => {
    const report = { kind: 'PolicyReport', metadata: { namespace: 'r' }, results: [{ result: 'pass', resources }] };
    expect(reportFindings(report).findings.map((f) => f.namespace)).toEqual(namespaces);
  });

  it('lists unreadable entries as problems and keeps the rest', () => {
    const [odd, notList] = loadDocs('bad/bad-entries.yaml');
    const r = reportFindings(odd);
    expect(r.findings.map((f) => f.resource?.name)).toEqual(['web-3']);
    expect(r.problems).toEqual([
      'PolicyReport shop/odd: results[0] has unknown result "passed"',
      'PolicyReport shop/odd: results[1] is not an object',
    ]);
    expect(reportFindings(notList).problems).toEqual(['ClusterReport not-a-list: results is not a list']);
  });

  it('treats a report without results as empty', () => {
    expect(reportFindings({ kind: 'PolicyReport' })).toEqual({ findings: [], problems: [] });
  });

  it.each([
    [{ kind: 'PolicyReport', metadata: { name: 'a', namespace: 'n' } }, 'PolicyReport n/a'],
    [{ kind: 'ClusterPolicyReport', metadata: { name: 'c' } }, 'ClusterPolicyReport c'],
    [{ kind: 'Report' }, 'Report (unnamed)'],
  ])('labels %j as %s', (report, label) => {
    expect(reportLabel(report)).toBe(label);
  });
});
