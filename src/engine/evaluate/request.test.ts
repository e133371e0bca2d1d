import { describe, expect, it } from 'vitest';
import { parseServiceAccount } from './request.js';

describe('parseServiceAccount', () => {
  it.each([
    { username: 'system:serviceaccount:team-a:builder', want: { namespace: 'team-a', name: 'builder' } },
    { username: 'alice', want: { namespace: '', name: '' } },
    { username: 'system:serviceaccount:team-a', want: { namespace: '', name: '' } },
    { username: 'system:serviceaccount:team-a:builder:extra', want: { namespace: '', name: '' } },
    { username: 'system:serviceaccounts:team-a:builder', want: { namespace: '', name: '' } },
    { username: '', want: { namespace: '', name: '' } },
  ])('$username', ({ username, want }) => {
    expect(parseServiceAccount(username)).toEqual(want);
  });
});
