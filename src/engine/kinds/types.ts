// The kind table's contract: how one document kind is recognised, loaded, and taken through the pipeline.
import type { JsonObject } from '../json.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { FailureAction, RuleResult } from '../result/rule-result.js';
import type { SourceDocument } from '../source/documents.js';
import type { PolicyIdentity } from '../policy/policy.js';
import type { QueryCache } from '../context/query-cache.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../evaluate/request.js';
import type { CelRequest } from '../cel-policy/types.js';
import type { CompiledCelException } from '../cel-policy/cel-exception.js';
import type { CompiledException } from '../exceptions/exception.js';
import type { KindSelector } from '../match/kind-selector.js';
import type { LabelPair } from '../match/label-gate.js';
import type { AdmissionEffect, EngineResponse, RequestOrigin, Stage } from '../pipeline/types.js';
import type { AdmissionInterests } from '../policy-set/admission-interests.js';
import type { GenerateLifecycle } from '../generate/types.js';

/** The rule results of an effect that has none (shared: effects are made for every response of every request). */
export const NO_RESULTS: readonly RuleResult[] = Object.freeze([]);

/** Which of Kyverno's two engines evaluates a kind: the classic rule engine or the CEL policy engine. */
export type PolicyFamily = 'classic' | 'cel';

/** How a policy takes part in admission, decided at load. */
export interface AdmissionTraits {
  /** Evaluated in admission at all (`spec.admission`, CEL `evaluation.admission.enabled`; JSON-mode policies never). */
  readonly enabled: boolean;
  /** What an evaluation error does: `Fail` rejects, `Ignore` lets the request through. */
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** `emitWarning: true` (classic). */
  readonly emitWarning: boolean;
  /** Declares Enforce (classic, incl. overrides) or Deny (CEL) somewhere, so it may block. */
  readonly mayEnforce: boolean;
}

/** A loaded policy of any kind, as drivers see it. */
export interface LoadedPolicy extends PolicyIdentity {
  readonly family: PolicyFamily;
  readonly admission: AdmissionTraits;
  /** Evaluated by background scans (classic `background`, not disabled by `reports.kyverno.io/disabled`). */
  readonly background: boolean;
  /** The stages it has rules for. */
  readonly stages: ReadonlySet<Stage>;
}

/** A policy inside a set: what drivers see, plus its kind's compiled form. */
export interface PolicyEntry<C = unknown> extends LoadedPolicy {
  readonly handler: PolicyHandler<C>;
  readonly compiled: C;
  /** Order within its kind in a stage (ValidatingPolicies: Kubernetes mode 0, JSON mode 1). */
  readonly rank: number;
  /** Position in the kind table, then in load order: a stage runs policies in this order. */
  readonly kindIndex: number;
  readonly order: number;
  /**
   * Labels one of which a resource must carry for the policy's validate rules to select it (admission and background
   * requests pass the policy over otherwise); absent when a rule may select a resource by other means.
   */
  readonly validateLabelGate?: readonly LabelPair[];
}

/** What one document became. */
export type KindLoad<C> =
  | {
      readonly status: 'policy';
      readonly policy: Omit<PolicyEntry<C>, 'order' | 'kindIndex'>;
      readonly notes: readonly Diagnostic[];
    }
  | { readonly status: 'exception'; readonly exception: LoadedException }
  | { readonly status: 'rejected'; readonly rejected: RejectedDocument }
  /** A kind Tollgate recognises but does not evaluate (the note says so, with file:line). */
  | { readonly status: 'set-aside'; readonly note: Diagnostic };

/** A compiled PolicyException of either family. */
export type LoadedException =
  | { readonly family: 'classic'; readonly exception: CompiledException }
  | { readonly family: 'cel'; readonly exception: CompiledCelException };

/** A policy or exception document that did not load, and why. */
export interface RejectedDocument {
  readonly kind: string;
  readonly name: string;
  readonly family: PolicyFamily;
  readonly role: 'policy' | 'exception';
  /** Errors, each with file:line and the JSON path. */
  readonly diagnostics: readonly Diagnostic[];
}

/** What loading one document may use. */
export interface LoadContext {
  readonly queries: QueryCache;
}

/** One entry of the kind table. */
export interface PolicyKind {
  /** For docs and messages, e.g. `ClusterPolicy/Policy (kyverno.io)`. */
  readonly name: string;
  /** Policies are evaluated; exceptions change how policies answer. */
  readonly role: 'policy' | 'exception';
  /** Which engine evaluates it (for exceptions: the policies they apply to). */
  readonly family: PolicyFamily;
  /** The apiVersion groups and kinds it loads (the cluster watch reads them). */
  readonly kinds: readonly { readonly group: string; readonly kind: string }[];
  /** True when this entry loads the document. */
  recognizes(value: JsonObject): boolean;
  /** Load and compile one recognised document; never throws. */
  load(doc: SourceDocument, ctx: LoadContext): KindLoad<unknown>;
}

/** The request as one policy family sees it, for the object as it currently stands. */
export interface StageInput {
  readonly origin: RequestOrigin;
  readonly env: EvaluationEnv;
  readonly celExceptions: readonly CompiledCelException[];
  /** The classic request (and test values) for a classic policy. */
  classicRequest(policy: LoadedPolicy, object: JsonObject | null): { req: EvaluationRequest; values?: PolicyValues };
  /** The CEL request for the object. */
  celRequest(object: JsonObject | null): CelRequest;
}

/** A mutate-stage answer: the responses and what counts as a failure under `failurePolicy`. */
export interface MutateAnswer {
  readonly responses: readonly EngineResponse[];
  /** The object after this policy (undefined: unchanged). */
  readonly patched?: JsonObject;
  /** Results that make the policy fail in admission (classic: fail or error; CEL: error). */
  readonly failed: readonly RuleResult[];
}

/** How a policy kind is taken through the pipeline; a stage it has no rules for is never asked. */
export interface PolicyHandler<C> {
  /** Is the policy evaluated in this stage for resources of this kind and namespace? (cached per set). */
  selects(entry: PolicyEntry<C>, stage: Stage, origin: RequestOrigin, kind: string, namespace: string): boolean;
  mutate?(entry: PolicyEntry<C>, input: StageInput, object: JsonObject): MutateAnswer;
  validate?(entry: PolicyEntry<C>, input: StageInput, object: JsonObject | null): readonly EngineResponse[];
  generate?(entry: PolicyEntry<C>, input: StageInput, object: JsonObject | null): readonly EngineResponse[];
  /** The kind selectors a background scan lists resources for. */
  backgroundKinds?(compiled: C): readonly KindSelector[];
  /** Its generate rules' names and lifecycle settings (GeneratingPolicy: one, named ''). */
  generateRules?(entry: PolicyEntry<C>): readonly { readonly rule: string; readonly lifecycle: GenerateLifecycle }[];
  /** The admission requests the policy evaluates (what its webhook rules must send). */
  admissionInterests?(entry: PolicyEntry<C>): AdmissionInterests;
  /** What a validate or mutate response does in admission; undefined when it does nothing (no denial, no warning,
   *  not enforced): most responses of most requests, which then cost no effect object. */
  effect(entry: PolicyEntry<C>, response: EngineResponse): AdmissionEffect | undefined;
  /** How its validate failures act (Audit or Enforce): the policy's own mode, and a rule's in a namespace. */
  validationMode?(entry: PolicyEntry<C>): ValidationMode;
}

/** How a policy's validate failures act: report only (Audit) or deny (Enforce; a CEL policy's Deny). */
export interface ValidationMode {
  /** The policy-wide action (classic `validationFailureAction`, CEL `validationActions` with Deny → Enforce). */
  readonly mode: FailureAction;
  /** Some override or rule sets Audit where the policy-wide action is Enforce (or the reverse). */
  readonly overridden: boolean;
  /** The action of one rule's failures in a namespace (overrides applied); the mode for unknown rules. */
  actionIn(rule: string, namespace: string, namespaceLabels: Readonly<Record<string, string>>): FailureAction;
}
