import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../engine/index.js';
import { wouldBlock } from './would-block.js';

const result = (over: Partial<RuleResult>): RuleResult => ({
  policy: 'p',
  rule: 'r',
  ruleType: 'validate',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'web' },
  status: 'fail',
  message: '',
  action: 'Audit',
  ...over,
});

describe('wouldBlock', () => {
  it.each([
    ['an Audit failure', {}, 'Fail', true],
    ['an Audit failure under Ignore', {}, 'Ignore', true],
    ['an Audit error under Fail', { status: 'error' }, 'Fail', true],
    ['an Audit error of a policy no longer loaded (Fail is the default)', { status: 'error' }, undefined, true],
    ['an Audit error under Ignore', { status: 'error' }, 'Ignore', false],
    ['an Enforce failure (denied already)', { action: 'Enforce' }, 'Fail', false],
    ['an Audit pass', { status: 'pass' }, 'Fail', false],
    ['an Audit skip', { status: 'skip' }, 'Fail', false],
    ['a failure without an action', { action: undefined }, 'Fail', false],
    ['a failing mutate rule', { ruleType: 'mutate' }, 'Fail', false],
  ] as const)('%s → %s', (_case, over, failurePolicy, want) => {
    expect(wouldBlock(result(over), () => failurePolicy)).toBe(want);
  });
});
