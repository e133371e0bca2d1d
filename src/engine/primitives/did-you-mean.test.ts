import { describe, expect, it } from 'vitest';
import { closestMatch } from './did-you-mean.js';

describe('closestMatch', () => {
  it.each([
    ['patern', ['pattern', 'anyPattern', 'deny'], 'pattern'],
    [
      'validationFailureActoin',
      ['validationFailureAction', 'validationFailureActionOverrides'],
      'validationFailureAction',
    ],
    ['mesage', ['message', 'pattern'], 'message'],
    ['requre-resource-limits', ['require-resource-limits', 'require-ownership-labels'], 'require-resource-limits'],
    ['Enforced', ['Audit', 'Enforce'], 'Enforce'],
    ['Enforced', ['audit', 'enforce', 'Audit', 'Enforce'], 'Enforce'],
    ['image', ['pattern', 'deny'], undefined],
    ['pattern', ['pattern'], undefined],
    ['x', [], undefined],
  ])('%s among %j → %s', (name, candidates, expected) => {
    expect(closestMatch(name, candidates)).toBe(expected);
  });
});
