import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuleResult } from '../engine/result/rule-result.js';
import { ReportStore } from './report-store.js';

const result = (name: string, status: RuleResult['status'], namespace = 'shop'): RuleResult => ({
  policy: 'require-team',
  rule: 'team',
  ruleType: 'validate',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace, name },
  status,
  message: status,
});

describe('ReportStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-reports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the latest result per policy, rule and resource, and writes one report per namespace', () => {
    const store = new ReportStore();
    store.record([result('a', 'fail'), result('b', 'pass'), result('n', 'pass', '')]);
    store.record([result('a', 'pass')]);
    expect(store.size).toBe(3);
    expect(store.flush(dir, new Map(), new Date('2026-06-01T00:00:00Z'))).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['clusterpolicyreport.yaml', 'policyreport-shop.yaml']);
    const report = parse(readFileSync(join(dir, 'policyreport-shop.yaml'), 'utf8'));
    expect(report).toMatchObject({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      summary: { pass: 2, fail: 0 },
    });
  });

  it('writes nothing when nothing changed, and stays within its bound', () => {
    const store = new ReportStore(2);
    store.record([result('a', 'pass'), result('b', 'pass'), result('c', 'fail')]);
    expect(store.size).toBe(2);
    expect(store.flush(dir, new Map(), new Date())).toBe(1);
    expect(store.flush(dir, new Map(), new Date())).toBe(0);
  });
});
