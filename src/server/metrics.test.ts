import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../engine/result/rule-result.js';
import { WebhookMetrics } from './metrics.js';

const result = (
  policy: string,
  rule: string,
  status: RuleResult['status'],
  action?: RuleResult['action'],
): RuleResult => ({
  policy,
  rule,
  status,
  ruleType: 'validate',
  message: '',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' },
  action,
});

const count = async (m: WebhookMetrics, labels: string) => {
  const text = await m.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`tollgate_rule_results_total{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('WebhookMetrics rule results', () => {
  it('counts results recorded between scrapes, without losing or double-counting any', async () => {
    const m = new WebhookMetrics();
    m.recordResults([result('p1', 'r1', 'pass'), result('p1', 'r1', 'pass'), result('p1', 'r2', 'fail')]);
    expect(await count(m, 'policy="p1",rule="r1",result="pass"')).toBe(2);
    expect(await count(m, 'policy="p1",rule="r2",result="fail"')).toBe(1);
    m.recordResults([result('p1', 'r1', 'pass')]);
    expect(await count(m, 'policy="p1",rule="r1",result="pass"')).toBe(3);
    expect(await count(m, 'policy="p1",rule="r2",result="fail"')).toBe(1);
  });
});

describe('WebhookMetrics Audit results Enforce would deny', () => {
  const auditFail = (policy: string, rule = 'r') => result(policy, rule, 'fail', 'Audit');
  it.each([
    [
      'an admitted request counts once per policy',
      true,
      false,
      [auditFail('a', 'r1'), auditFail('a', 'r2'), auditFail('b')],
      ['a ns 1', 'b ns 1'],
    ],
    ['a denied request is not counted', false, false, [auditFail('a')], []],
    ['a dry run is not counted', true, true, [auditFail('a')], []],
    ['passes are not counted', true, false, [result('a', 'r', 'pass', 'Audit')], []],
    ['Enforce failures are not counted', true, false, [result('a', 'r', 'fail', 'Enforce')], []],
  ])('%s', async (_case, allowed, dryRun, results, want) => {
    const m = new WebhookMetrics();
    m.recordWouldBlock({ allowed, dryRun, results }, () => 'Fail');
    const { values } = await m.auditWouldBlock.get();
    expect(values.map((v) => `${v.labels.policy} ${v.labels.namespace} ${v.value}`)).toEqual(want);
  });

  it('adds up over requests', async () => {
    const m = new WebhookMetrics();
    for (let i = 0; i < 3; i++) m.recordWouldBlock({ allowed: true, results: [auditFail('a')] }, () => 'Fail');
    expect(await m.registry.metrics()).toMatch(/^tollgate_audit_would_block_total\{policy="a",namespace="ns"\} 3$/m);
  });
});
