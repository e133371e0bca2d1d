// Kyverno: spec §9.4 — the generate rules of a set and their lifecycle, for the background controller that keeps
// downstream objects in step (synchronize), processes existing triggers (generateExisting) and cleans up.
import type { GenerateLifecycle } from '../generate/types.js';
import { internalsOf, type PolicySet } from './policy-set.js';

/** A generate rule (or GeneratingPolicy) and how its downstream objects live on after admission. */
export interface GenerateRuleInfo {
  /** The policy's key (`name`, or `namespace/name`), as in the downstream's policy labels. */
  readonly policy: string;
  readonly policyName: string;
  /** '' for cluster-wide policies. */
  readonly policyNamespace: string;
  /** The rule's name; '' for a GeneratingPolicy. */
  readonly rule: string;
  readonly lifecycle: GenerateLifecycle;
}

/** Every generate rule of the set's policies that are evaluated in admission. */
export function generateRules(set: PolicySet): GenerateRuleInfo[] {
  return internalsOf(set).entries.flatMap((entry) =>
    entry.admission.enabled
      ? (entry.handler.generateRules?.(entry) ?? []).map((r) => ({
          policy: entry.key,
          policyName: entry.name,
          policyNamespace: entry.namespace,
          ...r,
        }))
      : [],
  );
}
