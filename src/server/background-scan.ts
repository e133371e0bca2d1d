// Kyverno: spec §13.7, §12.2 — background scans: existing resources against the validate rules of background policies.
import {
  backgroundRequest,
  backgroundScanKinds,
  evaluate,
  type EvaluationServices,
  type JsonObject,
  type RuleResult,
  type ScanKinds,
} from '../engine/index.js';
import {
  DEFAULT_RESOURCE_FILTERS,
  isFilteredOut,
  parseResourceFilters,
  resourceFilterSubject,
} from './admission/resource-filters.js';
import type { PolicySnapshot } from './policy-store.js';

export type { ScanKinds, WantedKind } from '../engine/index.js';

/** What a scan needs besides the policies. */
export interface ScanDeps {
  /** Time, cluster reads for context entries, and namespaces for namespaceSelector; one object per scanner. */
  readonly services: EvaluationServices;
  /** Kyverno's `[Kind,Namespace,Name]` resource filters (spec §13.6); default: the Helm chart's. */
  readonly resourceFilters?: readonly string[];
}

/** Validate results of every background policy for each resource; pure, nothing is blocked. */
export function scanResources(
  snapshot: Pick<PolicySnapshot, 'policySet'>,
  resources: Iterable<JsonObject>,
  deps: ScanDeps,
): RuleResult[] {
  const filters = parseResourceFilters(deps.resourceFilters ?? DEFAULT_RESOURCE_FILTERS);
  const results: RuleResult[] = [];
  for (const resource of resources) {
    if (isFilteredOut(filters, resourceFilterSubject(resource))) continue;
    results.push(...evaluate(snapshot.policySet, backgroundRequest(resource), deps.services).results);
  }
  return results;
}

/** The kinds the validate rules of background policies can match, from their compiled match criteria. */
export function scanKinds(snapshot: PolicySnapshot): ScanKinds {
  return backgroundScanKinds(snapshot.policySet);
}
