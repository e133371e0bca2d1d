// Kyverno: spec §13.1 — requests from the users, groups and roles in the config map's exclude lists are not evaluated.
import { wildcardMatch, type Requester } from '../../engine/index.js';
import type { ExcludedRequesters } from './types.js';

/** Kyverno's defaults: only the kubelets' group (`excludeGroups: system:nodes`). */
export const DEFAULT_EXCLUDED_REQUESTERS: ExcludedRequesters = { groups: ['system:nodes'] };

/** Whether the requester is on one of the exclude lists. */
export function isExcludedRequester(user: Requester, ex: ExcludedRequesters): boolean {
  return (
    someMatches(ex.usernames, user.username) ||
    someMatchesAny(ex.groups, user.groups) ||
    someMatchesAny(ex.roles, user.roles) ||
    someMatchesAny(ex.clusterRoles, user.clusterRoles)
  );
}

// Plain loops, no closures or one-element lists: this runs for every review.
function someMatches(patterns: readonly string[] | undefined, value: string): boolean {
  if (patterns) for (const p of patterns) if (wildcardMatch(p, value)) return true;
  return false;
}

function someMatchesAny(patterns: readonly string[] | undefined, values: readonly string[]): boolean {
  if (patterns) for (const v of values) if (someMatches(patterns, v)) return true;
  return false;
}
