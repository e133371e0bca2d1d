import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/json.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import { ReportStore } from './report-store.js';

const result = (
  name: string,
  status: RuleResult['status'],
  namespace = 'shop',
  rule = 'team',
  action?: RuleResult['action'],
): RuleResult => ({
  policy: 'require-team',
  rule,
  ruleType: 'validate',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace, name },
  status,
  message: status,
  action,
});
const pod = (name: string, namespace = 'shop') => ({ apiVersion: 'v1', kind: 'Pod', namespace, name });
const T0 = new Date('2026-06-01T00:00:00Z');
const T1 = new Date('2026-06-01T01:00:00Z');
const none = new Map();
const names = (reports: JsonObject[]) => reports.map((r) => (r.metadata as { name: string }).name);
const timestamps = (report: JsonObject) =>
  (report.results as { timestamp: { seconds: number } }[]).map((r) => r.timestamp.seconds);

describe('ReportStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-reports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the latest result per policy, rule and resource in one report per resource', () => {
    const store = new ReportStore();
    store.record([result('a', 'fail'), result('a', 'pass', 'shop', 'other')], 'uid-a');
    store.record([result('b', 'pass')]);
    store.record([result('a', 'pass')]);
    expect(store.size).toBe(3);
    const reports = store.reports(none, T0);
    expect(names(reports)).toEqual(['uid-a', expect.stringMatching(/^tollgate-[0-9a-f]{16}$/)]);
    expect(reports[0]).toMatchObject({ scope: { name: 'a', uid: 'uid-a' }, summary: { pass: 2, fail: 0 } });
  });

  it.each([
    ['an identical result', [result('a', 'fail')], false],
    ['a changed status', [result('a', 'pass')], true],
    ['a new rule', [result('a', 'fail', 'shop', 'other')], true],
    ['a newly known uid', [result('a', 'fail')], true, 'uid-a'],
    ['a changed action (the policy was promoted)', [result('a', 'fail', 'shop', 'team', 'Enforce')], true],
    ['nothing', [], false],
  ])('recording %s changes the generation: %s', (_what, results, changes, uid?: string) => {
    const store = new ReportStore();
    store.record([result('a', 'fail')]);
    const before = store.generation;
    store.record(results, uid);
    expect(store.generation !== before).toBe(changes);
  });

  it('stamps a result when first reported and keeps the stamp until the result changes', () => {
    const store = new ReportStore();
    store.record([result('a', 'fail')]);
    expect(timestamps(store.reports(none, T0)[0])).toEqual([T0.getTime() / 1000]);
    store.record([result('a', 'fail')]);
    expect(timestamps(store.reports(none, T1)[0])).toEqual([T0.getTime() / 1000]);
    store.record([result('a', 'pass')]);
    expect(timestamps(store.reports(none, T1)[0])).toEqual([T1.getTime() / 1000]);
  });

  it.each([
    ['a reported resource', pod('a'), ['b'], true],
    ['an unknown resource', pod('zzz'), ['a', 'b'], false],
    ['a namesake in another namespace', pod('a', 'other'), ['a', 'b'], false],
  ])('forgetting %s drops all its results', (_what, resource, left, changes) => {
    const store = new ReportStore();
    store.record([result('a', 'fail'), result('a', 'pass', 'shop', 'other')]);
    store.record([result('b', 'pass')]);
    const before = store.generation;
    store.forget(resource);
    expect(store.reports(none, T0).map((r) => (r.scope as { name: string }).name)).toEqual(left);
    expect(store.generation !== before).toBe(changes);
  });

  it('stays within its bound, dropping the least recently reported results', () => {
    const store = new ReportStore(2);
    store.record([result('a', 'pass'), result('b', 'pass')]);
    store.record([result('a', 'pass'), result('c', 'fail')]);
    expect(store.size).toBe(2);
    expect(store.reports(none, T0).map((r) => (r.scope as { name: string }).name)).toEqual(['a', 'c']);
  });

  it('writes one multi-document file per changed namespace and removes the file of an emptied one', () => {
    const store = new ReportStore();
    store.record([result('a', 'fail'), result('b', 'pass')]);
    store.record([result('n', 'pass', '')]);
    expect(store.flush(dir, none, T0)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['clusterpolicyreport.yaml', 'policyreport-shop.yaml']);
    const docs = parseAllDocuments(readFileSync(join(dir, 'policyreport-shop.yaml'), 'utf8')).map((d) => d.toJS());
    expect(docs.map((d) => [d.kind, d.scope.name, d.summary.fail])).toEqual([
      ['PolicyReport', 'a', 1],
      ['PolicyReport', 'b', 0],
    ]);
    expect(store.flush(dir, none, T0)).toBe(0);
    store.forget(pod('n', ''));
    expect(store.flush(dir, none, T0)).toBe(1);
    expect(existsSync(join(dir, 'clusterpolicyreport.yaml'))).toBe(false);
  });

  // Properties of the report results of pod `a`, by policy failurePolicy.
  const propertiesOf = (results: RuleResult[], failurePolicy: 'Fail' | 'Ignore') => {
    const store = new ReportStore();
    store.record(results);
    const policies = new Map([['require-team', { annotations: {}, background: true, admission: { failurePolicy } }]]);
    return (store.reports(policies, T0)[0].results as { properties: Record<string, string> }[]).map(
      (r) => r.properties,
    );
  };
  const MARKED = { process: 'admission review', 'tollgate.dev/would-block': 'true' };
  const UNMARKED = { process: 'admission review' };

  it.each([
    ['an Audit failure is marked', result('a', 'fail', 'shop', 'team', 'Audit'), 'Fail', MARKED],
    ['an Audit error under Fail is marked', result('a', 'error', 'shop', 'team', 'Audit'), 'Fail', MARKED],
    ['an Audit error under Ignore is not', result('a', 'error', 'shop', 'team', 'Audit'), 'Ignore', UNMARKED],
    ['an Enforce failure is not', result('a', 'fail', 'shop', 'team', 'Enforce'), 'Fail', UNMARKED],
    ['an Audit pass is not', result('a', 'pass', 'shop', 'team', 'Audit'), 'Fail', UNMARKED],
  ] as const)('%s', (_case, r, failurePolicy, want) => {
    expect(propertiesOf([r], failurePolicy)).toEqual([want]);
  });

  it('drops the mark once a scan finds the same failure under Enforce', () => {
    const store = new ReportStore();
    const policies = new Map([['require-team', { annotations: {}, background: true }]]);
    store.record([result('a', 'fail', 'shop', 'team', 'Audit')], undefined, 'background scan');
    store.record([result('a', 'fail', 'shop', 'team', 'Enforce')], undefined, 'background scan');
    expect(store.reports(policies, T0)[0].results).toMatchObject([{ properties: { process: 'background scan' } }]);
    expect(JSON.stringify(store.reports(policies, T0))).not.toContain('would-block');
  });
});
