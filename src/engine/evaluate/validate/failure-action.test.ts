import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../json.js';
import { compileActionOverrides, effectiveAction } from './failure-action.js';

const rule = (failureAction?: string, overrides?: JsonValue) => ({
  failureAction,
  actionOverrides: compileActionOverrides(overrides),
});

describe('effectiveAction', () => {
  it.each([
    ['no action anywhere is Audit', rule(), rule(), 'prod', {}, 'Audit'],
    ['the policy action', rule(), rule('enforce'), 'prod', {}, 'Enforce'],
    ['the rule action before the policy action', rule('Audit'), rule('Enforce'), 'prod', {}, 'Audit'],
    [
      'a policy override before the policy action',
      rule(),
      rule('Enforce', [{ action: 'audit', namespaces: ['dev-*'] }]),
      'dev-1',
      {},
      'Audit',
    ],
    [
      'a policy override for another namespace',
      rule(),
      rule('Enforce', [{ action: 'Audit', namespaces: ['dev-*'] }]),
      'prod',
      {},
      'Enforce',
    ],
    [
      'the rule action before a policy override',
      rule('Enforce'),
      rule('Audit', [{ action: 'Audit', namespaces: ['prod'] }]),
      'prod',
      {},
      'Enforce',
    ],
    [
      'a rule override selecting namespace labels',
      rule('Audit', [{ action: 'Enforce', namespaceSelector: { matchLabels: { tier: 'prod' } } }]),
      rule(),
      'shop',
      { tier: 'prod' },
      'Enforce',
    ],
    [
      'a rule override whose selector does not match',
      rule('Audit', [{ action: 'Enforce', namespaceSelector: { matchLabels: { tier: 'prod' } } }]),
      rule(),
      'shop',
      { tier: 'dev' },
      'Audit',
    ],
    [
      'an override needs both its namespaces and its selector',
      rule(undefined, [{ action: 'Enforce', namespaces: ['shop'], namespaceSelector: { matchLabels: { a: 'b' } } }]),
      rule(),
      'shop',
      {},
      'Audit',
    ],
    [
      'an override with an unknown action or no object is passed over',
      rule(undefined, ['Enforce', { action: 'Deny' }, { action: 'Enforce', namespaces: ['*'] }]),
      rule(),
      'x',
      {},
      'Enforce',
    ],
  ])('%s', (_name, r, p, namespace, labels, want) => {
    expect(effectiveAction(r, p, namespace, labels)).toBe(want);
  });

  it('compiles overrides that can never apply to none', () => {
    expect(compileActionOverrides([{ action: 'Deny' }, null, 'x'])).toEqual([]);
    expect(compileActionOverrides(undefined)).toEqual([]);
  });
});
