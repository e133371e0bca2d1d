import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject, RuleResult } from '../engine/index.js';
import { buildPolicyReports, reportName, resourceReport, type ReportedPolicy } from './policy-report.js';

interface Case {
  name: string;
  uids?: Record<string, string>;
  results: Omit<RuleResult, 'ruleType' | 'message'>[];
  reports: JsonObject[];
}
const fixture = parse(readFileSync(new URL('./testdata/policy-reports.yaml', import.meta.url), 'utf8')) as {
  policies: JsonObject[];
  cases: Case[];
};
// What a report reads of a policy: its annotations and whether background scans evaluate it.
const policies = new Map<string, ReportedPolicy>(
  fixture.policies.map((d) => {
    const md = d.metadata as { name: string; annotations?: Record<string, string> };
    const spec = (d.spec ?? {}) as { background?: boolean };
    return [md.name, { annotations: md.annotations ?? {}, background: spec.background !== false }];
  }),
);

describe('buildPolicyReports', () => {
  it.each(fixture.cases)('$name', ({ uids = {}, results, reports }) => {
    const full = results.map((r): RuleResult => ({ ...r, ruleType: 'validate', message: `${r.rule} ${r.status}` }));
    const built = buildPolicyReports(full, policies, 1_780_000_000, (r) => uids[r.name]);
    expect(built).toHaveLength(reports.length);
    built.forEach((report, i) => expect(report).toMatchObject(reports[i]));
  });

  it('gives a report no owner when the uid is unknown', () => {
    const r = { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' };
    const [report] = buildPolicyReports(
      [{ policy: 'p', rule: 'r', ruleType: 'validate', resource: r, status: 'pass', message: '' }],
      new Map(),
      0,
    );
    expect((report.metadata as JsonObject).ownerReferences).toBeUndefined();
    expect((report.metadata as JsonObject).name).toBe(reportName(r));
  });

  it.each([
    [
      { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'b' },
      { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'c' },
    ],
    [
      { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'b' },
      { apiVersion: 'v1', kind: 'Pod', namespace: 'ab', name: '' },
    ],
    [
      { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'b' },
      { apiVersion: 'v2', kind: 'Pod', namespace: 'a', name: 'b' },
    ],
  ])('names distinct resources differently without uid (%j, %j)', (a, b) => {
    expect(reportName(a)).not.toBe(reportName(b));
    expect(reportName(a)).toBe(reportName({ ...a }));
  });

  it("adds a writer's properties after Kyverno's own", () => {
    const r = { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' };
    const result: RuleResult = {
      policy: 'p',
      rule: 'r',
      ruleType: 'validate',
      resource: r,
      status: 'skip',
      message: '',
    };
    const report = resourceReport(
      r,
      undefined,
      [{ result: { ...result, exceptions: ['shop/allow'] }, seconds: 0, properties: { 'tollgate.dev/x': 'y' } }],
      new Map(),
    );
    expect((report.results as JsonObject[])[0].properties).toEqual({
      process: 'background scan',
      exceptions: 'shop/allow',
      'tollgate.dev/x': 'y',
    });
  });
});
