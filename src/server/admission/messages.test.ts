import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { blockedMessage } from './messages.js';

const result = (rule: string, status: RuleResult['status'], message: string): RuleResult => ({
  policy: 'p',
  rule,
  ruleType: 'validate',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'badpod' },
  status,
  message,
});

describe('blockedMessage (spec §13.3)', () => {
  it.each([
    {
      // go-yaml (libyaml) breaks at the first space past column 80; §13.3's sample breaks later (see report).
      name: 'spec example message, folded like go-yaml at width 80',
      resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'badpod' },
      responses: [
        {
          policyName: 'disallow-latest-tag',
          rules: [
            result(
              'validate-image-tag',
              'fail',
              "validation error: Using a mutable image tag e.g. 'latest' is not allowed. rule validate-image-tag failed at path /spec/containers/0/image/",
            ),
          ],
        },
      ],
      want:
        '\n\nresource Pod/default/badpod was blocked due to the following policies \n\ndisallow-latest-tag:\n' +
        "  validate-image-tag: 'validation error: Using a mutable image tag e.g. ''latest''\n" +
        "    is not allowed. rule validate-image-tag failed at path /spec/containers/0/image/'\n",
    },
    {
      name: 'cluster-scoped, sorted policies and rules, pass/skip left out, errors kept',
      resource: { apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'prod' },
      responses: [
        {
          policyName: 'zeta',
          rules: [result('b', 'fail', 'no'), result('a', 'error', 'broken'), result('c', 'pass', '')],
        },
        { policyName: 'alpha', rules: [result('x', 'skip', 'skipped'), result('y', 'fail', 'denied')] },
      ],
      want:
        '\n\nresource Namespace//prod was blocked due to the following policies \n\n' +
        'alpha:\n  y: denied\nzeta:\n  a: broken\n  b: no\n',
    },
  ])('$name', ({ resource, responses, want }) => {
    expect(blockedMessage(resource, responses)).toBe(want);
  });

  it('is empty when nothing failed', () => {
    expect(
      blockedMessage(result('a', 'pass', '').resource, [{ policyName: 'p', rules: [result('a', 'pass', '')] }]),
    ).toBe('');
  });
});
