import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../engine/result/rule-result.js';
import { WebhookMetrics } from './metrics.js';

const result = (policy: string, rule: string, status: RuleResult['status']): RuleResult => ({
  policy,
  rule,
  status,
  ruleType: 'validate',
  message: '',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' },
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
