// Kyverno: spec §13.1 — requests from the users, groups and roles in the config map's exclude lists are not evaluated.
import { wildcardMatch, type Requester } from '../../engine/index.js';
import type { ExcludedRequesters } from './types.js';

/** Kyverno's defaults: only the kubelets' group (`excludeGroups: system:nodes`). */
export const DEFAULT_EXCLUDED_REQUESTERS: ExcludedRequesters = { groups: ['system:nodes'] };

/** Whether the requester is on one of the exclude lists. */
export function isExcludedRequester(user: Requester, ex: ExcludedRequesters): boolean {
  const any = (patterns: readonly string[] | undefined, values: readonly string[]) =>
    (patterns ?? []).some((p) => values.some((v) => wildcardMatch(p, v)));
  return (
    any(ex.usernames, [user.username]) ||
    any(ex.groups, user.groups) ||
    any(ex.roles, user.roles) ||
    any(ex.clusterRoles, user.clusterRoles)
  );
}
