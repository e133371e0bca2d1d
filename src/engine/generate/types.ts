// The public shapes of generate-rule evaluation (spec §9.3).
import type { JsonObject } from '../json.js';

/** The resource whose admission (or background scan) triggered the generate rule. */
export interface GenerateTrigger {
  readonly resource: JsonObject;
  /** Overrides `metadata.uid` of the resource for the trigger-uid label. */
  readonly uid?: string;
}

/** The policy and rule that generate, as recorded in the downstream labels. */
export interface GeneratePolicyInfo {
  readonly name: string;
  /** '' for a ClusterPolicy. */
  readonly namespace: string;
  readonly rule: string;
}

/** One downstream object the rule wants, with what should happen to it. */
export interface GeneratedResource {
  readonly resource: JsonObject;
  readonly action: 'create' | 'update' | 'none';
  readonly reason?: string;
  /** Set on the entry that adds the `generate.kyverno.io/clone-source` label to a clone source; not a downstream object. */
  readonly cloneSource?: true;
  /** The rule's lifecycle settings for this downstream object (Kyverno keeps them on the rule, not on the object). */
  readonly lifecycle?: GenerateLifecycle;
}

/** How the background controller treats a downstream object after creation (spec §9.4). */
export interface GenerateLifecycle {
  readonly synchronize: boolean;
  readonly generateExisting: boolean;
  readonly orphanDownstreamOnPolicyDelete: boolean;
}
