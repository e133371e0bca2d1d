import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { compileMatch } from '../match/match.js';
import type { CompiledRule } from './compiled-rule.js';
import { indexByKind } from './compile-policy.js';

// Rules in policy order: named kinds, several kinds, a wildcard kind, and a user-only match (no kind at all).
const rule = (name: string, match: JsonObject | undefined): CompiledRule =>
  ({ name, type: 'validate', raw: {}, match: compileMatch(match) }) as CompiledRule;
const rules = [
  rule('pods', { any: [{ resources: { kinds: ['Pod'] } }] }),
  rule('any-kind', { any: [{ resources: { kinds: ['*'] } }] }),
  rule('controllers', { any: [{ resources: { kinds: ['Deployment', 'apps/v1/StatefulSet', 'Pod'] } }] }),
  rule('users-only', { any: [{ subjects: [{ kind: 'User', name: 'alice' }] }] }),
  rule('deployments', { resources: { kinds: ['Deployment'] } }),
];

describe('indexByKind', () => {
  const forKind = indexByKind(rules);
  it.each([
    { kind: 'Pod', want: ['pods', 'any-kind', 'controllers', 'users-only'] },
    { kind: 'Deployment', want: ['any-kind', 'controllers', 'users-only', 'deployments'] },
    { kind: 'StatefulSet', want: ['any-kind', 'controllers', 'users-only'] },
    { kind: 'ConfigMap', want: ['any-kind', 'users-only'] },
  ])('$kind meets its own rules and the kind-less ones, in policy order', ({ kind, want }) => {
    expect(forKind(kind).map((r) => r.name)).toEqual(want);
  });
});
