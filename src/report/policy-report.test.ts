import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/json.js';
import { toClassicPolicy } from '../engine/policy/policy.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import { buildPolicyReports, reportName } from './policy-report.js';

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
const policies = new Map(fixture.policies.map((d) => toClassicPolicy(d)).map((p) => [p.key, p]));

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
});
