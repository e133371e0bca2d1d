import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCLUDED_REQUESTERS, isExcludedRequester } from './excluded-requesters.js';
import type { ExcludedRequesters } from './types.js';

const user = (username: string, groups: string[] = [], roles: string[] = [], clusterRoles: string[] = []) => ({
  username,
  groups,
  roles,
  clusterRoles,
  userInfo: { username },
});

describe('isExcludedRequester', () => {
  it.each<[string, ReturnType<typeof user>, ExcludedRequesters, boolean]>([
    ['a kubelet is excluded by default', user('system:node:n1', ['system:nodes']), DEFAULT_EXCLUDED_REQUESTERS, true],
    [
      'Argo CD is evaluated by default',
      user('system:serviceaccount:argocd:app', ['system:serviceaccounts']),
      DEFAULT_EXCLUDED_REQUESTERS,
      false,
    ],
    [
      'username with a wildcard',
      user('system:serviceaccount:kube-system:ctrl'),
      { usernames: ['system:serviceaccount:kube-system:*'] },
      true,
    ],
    ['username that differs', user('alice'), { usernames: ['bob'] }, false],
    ['role', user('alice', [], ['ns1:deployer']), { roles: ['ns1:deployer'] }, true],
    ['cluster role', user('alice', [], [], ['cluster-admin']), { clusterRoles: ['cluster-*'] }, true],
    ['empty lists exclude nobody', user('system:node:n1', ['system:nodes']), {}, false],
  ])('%s', (_n, u, ex, excluded) => {
    expect(isExcludedRequester(u, ex)).toBe(excluded);
  });
});
