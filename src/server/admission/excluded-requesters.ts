// Kyverno: spec §13.1 — requests from the users, groups and roles in the config map's exclude lists are not evaluated.
import { matchesAnyPattern, type Requester } from '../../engine/index.js';
import type { ExcludedRequesters } from './types.js';

/** Kyverno's defaults: only the kubelets' group (`excludeGroups: system:nodes`). */
export const DEFAULT_EXCLUDED_REQUESTERS: ExcludedRequesters = { groups: ['system:nodes'] };

/** Whether the requester is on one of the exclude lists. */
export function isExcludedRequester(user: Requester, ex: ExcludedRequesters): boolean {
  return (
    (ex.usernames !== undefined && matchesAnyPattern(ex.usernames, user.username)) ||
    someMatches(ex.groups, user.groups) ||
    someMatches(ex.roles, user.roles) ||
    someMatches(ex.clusterRoles, user.clusterRoles)
  );
}

// Plain loops, no closures or one-element lists: this runs for every review.
function someMatches(patterns: readonly string[] | undefined, values: readonly string[]): boolean {
  if (patterns) for (const v of values) if (matchesAnyPattern(patterns, v)) return true;
  return false;
}
