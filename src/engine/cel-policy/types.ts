// The contract between the CEL policy kinds (policies.kyverno.io) and the code that drives them (kyverno test,
// apply, check, the webhook): what one evaluation gets, and the responses it gives (kyverno-cel-semantics §5.2,
// §6.3, §6.4).
import type { JsonObject } from '../json.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { ResourceId, RuleResult } from '../result/rule-result.js';
import type { KyvernoCelServices } from '../cel/kyverno/index.js';
import type { SourceDocument } from '../source/documents.js';

/** The policies.kyverno.io kinds. */
export type CelPolicyDocumentKind =
  | 'ValidatingPolicy'
  | 'NamespacedValidatingPolicy'
  | 'MutatingPolicy'
  | 'NamespacedMutatingPolicy'
  | 'GeneratingPolicy'
  | 'NamespacedGeneratingPolicy';

/** The admission request one CEL policy evaluation sees (built by the driver, §6.3 for the CLI). */
export interface CelRequest {
  readonly operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  /** The new object; null on DELETE. */
  readonly object: JsonObject | null;
  /** The old object; null on CREATE. */
  readonly oldObject: JsonObject | null;
  /**
   * The `request` variable without object/oldObject: kind {group, version, kind}, resource {group, version,
   * resource}, subResource, requestKind, requestResource, requestSubResource, name, namespace, operation,
   * userInfo {username, uid, groups, extra}, dryRun, options.
   */
  readonly admission: JsonObject;
  /** `namespaceObject`: the resource's Namespace; null for cluster-scoped resources or when unknown. */
  readonly namespaceObject: JsonObject | null;
  /** Labels namespaceSelector is matched against (§2.3 step 1, decided by the driver). */
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** Kyverno library services (resource, http, image data, global context, generator, clock). */
  readonly services: KyvernoCelServices;
  /** CLI quirk (§5.2.1): numbers of trigger resources are doubles in CEL. */
  readonly numbersAsDouble?: boolean;
  /** Where the request's inputs, converted to CEL values once, are kept for all its policies (set by the pipeline). */
  readonly memo?: CelRequestMemo;
}

/** What the policies of one CelRequest share; it goes with the request (RequestMemo says why not a WeakMap). */
export interface CelRequestMemo {
  converted?: ConvertedCelInputs;
}

/** The request's inputs as CEL values, converted once for all its policies. */
export interface ConvertedCelInputs {
  readonly object: unknown;
  readonly oldObject: unknown;
  readonly request: unknown;
  readonly namespaceObject: unknown;
}

/** A loaded CEL policy; `diagnostics` holds compile errors with file:line (then it is never evaluated). */
export interface CompiledCelPolicyBase {
  readonly kind: CelPolicyDocumentKind;
  readonly name: string;
  /** Namespace of a Namespaced* kind, '' otherwise. */
  readonly namespace: string;
  readonly source?: SourceDocument;
  readonly annotations: Readonly<Record<string, string>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** One engine response of one policy (or one of its autogen variants) for one resource (§6.4). */
export interface CelPolicyResponse {
  /** The policy name (variants carry their source policy's name). */
  readonly policy: string;
  readonly kind: CelPolicyDocumentKind;
  readonly resource: ResourceId;
  /** Rule responses; empty for an "empty response" (matched nothing with non-simple constraints). */
  readonly rules: readonly RuleResult[];
  /** MutatingPolicy: the resource after this policy's mutations. */
  readonly patched?: JsonObject;
  /** GeneratingPolicy: the objects generated. */
  readonly generated?: readonly JsonObject[];
}
