// Kyverno: which admission requests the policies of a set need to see — what Kyverno's webhook controller registers
// from the loaded policies (its `mergeWebhook` for ClusterPolicy/Policy, the policies' `matchConstraints` for the CEL
// kinds). `tollgate webhook-config` turns these into webhook rules.
import type { KindSelector } from '../match/kind-selector.js';
import type { Stage } from '../pipeline/types.js';
import { internalsOf, type PolicySet } from './policy-set.js';

/** Every admission operation a webhook rule can name. */
export const ALL_OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;

/** The policy and rule an interest comes from, for messages. */
interface InterestOrigin {
  readonly stage: Stage;
  /** The policy's key (`name`, or `namespace/name`). */
  readonly policy: string;
  /** The rule, for ClusterPolicy/Policy; undefined for the CEL kinds. */
  readonly rule?: string;
  /** The policy is namespaced (Policy, Namespaced*): a wildcard kind only reaches namespaced resources. */
  readonly namespaced: boolean;
}

/** Requests of a kind (a `match` kind selector of a classic rule) with these operations. */
export interface KindInterest extends InterestOrigin {
  readonly form: 'kind';
  readonly kind: KindSelector;
  readonly operations: readonly string[];
}

/** Requests a CEL policy's `matchConstraints.resourceRules` entry selects (already in webhook form). */
export interface ResourceInterest extends InterestOrigin {
  readonly form: 'resources';
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly operations: readonly string[];
  readonly scope: string;
}

/** One kind of admission request some policy evaluates. */
export type AdmissionInterest = KindInterest | ResourceInterest;

/** What the policies of a set need the API server to send. */
export interface AdmissionInterests {
  readonly interests: readonly AdmissionInterest[];
  /** The longest `webhookTimeoutSeconds` (classic) or `webhookConfiguration.timeoutSeconds` (CEL) a policy asks for. */
  readonly timeoutSeconds?: number;
}

/** The admission requests the policies of `set` evaluate, with autogen rules and CEL autogen variants included. */
export function admissionInterests(set: PolicySet): AdmissionInterests {
  const interests: AdmissionInterest[] = [];
  let timeoutSeconds: number | undefined;
  for (const entry of internalsOf(set).entries) {
    if (!entry.admission.enabled) continue;
    const found = entry.handler.admissionInterests?.(entry) ?? { interests: [] };
    interests.push(...found.interests);
    if (found.timeoutSeconds !== undefined) timeoutSeconds = Math.max(timeoutSeconds ?? 0, found.timeoutSeconds);
  }
  return { interests, timeoutSeconds };
}
