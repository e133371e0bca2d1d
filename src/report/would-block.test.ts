import { describe, expect, it } from 'vitest';
import type { JsonValue, RuleResult } from '../engine/index.js';
import { isMarkedWouldBlock, WOULD_BLOCK_PROPERTY, wouldBlock } from './would-block.js';

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

describe('isMarkedWouldBlock', () => {
  it.each([
    ['marked', { result: 'fail', properties: { process: 'admission review', [WOULD_BLOCK_PROPERTY]: 'true' } }, true],
    ['not marked', { result: 'fail', properties: { process: 'admission review' } }, false],
    ['without properties', { result: 'fail' }, false],
    ['marked with another value', { properties: { [WOULD_BLOCK_PROPERTY]: 'false' } }, false],
    ['not an object', 'fail', false],
  ])('%s → %s', (_case, entry: JsonValue, want) => {
    expect(isMarkedWouldBlock(entry)).toBe(want);
  });
});
