// The evaluation contract every driver uses: what a request is, what the engine is given, what it answers.
import type { JsonObject } from '../json.js';
import type { Clock, ClusterReader } from '../ports.js';
import type { CelNumbers, EvaluationRequest, PolicyValues } from '../evaluate/request.js';
import type { KyvernoCelServices } from '../cel/kyverno/services.js';
import type { GeneratedResource } from '../generate/types.js';
import type { TargetMutation } from '../evaluate/mutate/mutate-existing.js';
import type { RuleResult } from '../result/rule-result.js';
import type { LoadedPolicy } from '../kinds/types.js';

/** The stages of Kyverno's pipeline, in order (spec §2.3): mutate, then validate, then generate. */
export type Stage = 'mutate' | 'validate' | 'generate';

/**
 * Who asks: the admission webhook (one AdmissionReview), the background scanner (an existing resource, no
 * operation or user, spec §13.7) or a CLI run (`kyverno apply`/`kyverno test` semantics: simulated requests,
 * kyverno-cel-semantics §6.3).
 */
export type RequestOrigin = 'admission' | 'background' | 'cli';

/** One request to evaluate: Kyverno's admission request as data, plus who sends it. */
export interface PolicyRequest extends EvaluationRequest {
  readonly origin: RequestOrigin;
  /** A dry run must have no side effects: nothing is generated (admission only). */
  readonly dryRun?: boolean;
  /** How CEL sees the trigger's numbers; default 'double' for the CLI (its quirk, §5.2.1), 'int' otherwise. */
  readonly celNumbers?: CelNumbers;
}

/** A time budget, checked between policies (evaluation is synchronous, so a running policy finishes). */
export interface EvaluationDeadline {
  expired(): boolean;
  /** The budget, for messages. */
  readonly budgetMs: number;
}

/** Kyverno's CEL libraries' outside world (`resource`, `http`, `image`, `globalContext`, `generator`); the clock is the evaluation's. */
export type CelLibraryServices = Omit<KyvernoCelServices, 'clock'>;

/** An API resource: its plural `name` (`deployments/scale` for a subresource), kind, group and version. */
export interface ApiResource {
  readonly name: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
}

/** A subresource the REST mapping knows: requests for its kind go through its parent (kyverno-cel-semantics §6.3). */
export interface SubresourceMapping {
  readonly subresource: ApiResource;
  readonly parentResource: ApiResource;
}

/** The REST mapping a CLI run simulates its admission requests with (default: Kubernetes' plural guess). */
export interface RestMapping {
  /** Plural resource names of custom kinds, keyed by `group|kind` (CRDs the run was given). */
  readonly crdPlurals?: ReadonlyMap<string, string>;
  readonly subresources?: readonly SubresourceMapping[];
}

/** What evaluations are given from outside: time, cluster reads, library services, a test suite's values. Keep one object per driver (or test run): CEL library handles are built once per object. */
export interface EvaluationServices {
  readonly clock: Clock;
  /** ConfigMaps, API calls, clone sources, mutate-existing targets and params. */
  readonly cluster?: ClusterReader;
  /** Registry prepended to images without one (Kyverno default: docker.io). */
  readonly defaultRegistry?: string;
  /** A Namespace by name (cluster cache, a test's values): namespaceSelector labels and CEL's `namespaceObject`. */
  readonly namespaces?: (name: string) => JsonObject | undefined;
  readonly cel?: CelLibraryServices;
  /** Values a `kyverno test` values file gives a classic policy for a resource (spec §14.3). */
  readonly values?: (policy: LoadedPolicy, resource: JsonObject) => PolicyValues | undefined;
  /** CLI runs: how simulated requests name resources. */
  readonly restMapping?: RestMapping;
}

/** What is particular to one call. */
export interface EvaluationOptions {
  /** Which stages to run; default: every stage the origin has (a background scan only validates). */
  readonly stages?: readonly Stage[];
  /** The request's evaluation budget (admission): validate-stage policies not started before it expires are not evaluated. */
  readonly deadline?: EvaluationDeadline;
}

/** A downstream object a generate rule or GeneratingPolicy wants. */
export interface GeneratedObject extends GeneratedResource {
  /** The key of the policy that generated it. */
  readonly policy: string;
  /** The rule that generated it ('' for a GeneratingPolicy). */
  readonly rule: string;
}

/** One engine response: what one policy (or one of its autogen variants) said in one stage. */
export interface EngineResponse {
  readonly policy: LoadedPolicy;
  readonly stage: Stage;
  readonly rules: readonly RuleResult[];
  /** The resource after this response (mutate: as patched; otherwise the resource evaluated). */
  readonly resource: JsonObject | null;
  /** Mutate-existing: the targets patched (classic `targets`). */
  readonly targets?: readonly TargetMutation[];
  /** Generate: the downstream objects wanted, including clone-source labels (`cloneSource`) and unchanged ones (`action: 'none'`). */
  readonly generated?: readonly GeneratedObject[];
}

/** What admission does with one validate or mutate response (spec §13.2–13.4, kyverno-cel-semantics §2.2, §3.3). */
export interface AdmissionEffect {
  readonly response: EngineResponse;
  /** Classic: the policy was evaluated as an Enforce policy, so its failures are listed when the request is denied. */
  readonly enforced: boolean;
  /** The response denies the request. */
  readonly blocks: boolean;
  /** Rule results that deny on their own (CEL `Deny`, errors under `failurePolicy: Fail`). */
  readonly denials: readonly RuleResult[];
  /** Rule results the requester is warned about (`emitWarning`, CEL `Warn`). */
  readonly warnings: readonly RuleResult[];
}

/** The admission verdict, as data; the webhook renders Kyverno's messages from it. */
export interface AdmissionDecision {
  readonly allowed: boolean;
  /** The validate and mutate responses that do something to the request (deny, warn, or enforce), with what they
   *  do, in evaluation order. */
  readonly effects: readonly AdmissionEffect[];
  /** Validate-stage policies the budget did not reach; `blocks` when one could enforce under `failurePolicy: Fail`. */
  readonly unevaluated: readonly { readonly policy: LoadedPolicy; readonly blocks: boolean }[];
  /** The mutate policy that failed under `failurePolicy: Fail` and so rejects the request (spec §13.2 step 1). */
  readonly mutationFailure?: { readonly policy: LoadedPolicy; readonly failed: readonly RuleResult[] };
}

/** JSON patch operations (RFC 6902) turning the request's object into the mutated one. */
export type JsonPatchOperation = Readonly<JsonObject>;

/** The answer to one request. */
export interface Evaluation {
  /** Every engine response, in evaluation order. */
  readonly responses: readonly EngineResponse[];
  /** Every rule result of every response. */
  readonly results: readonly RuleResult[];
  /** The object after every mutation (the request's object when nothing changed). */
  readonly mutated: JsonObject | null;
  /** The mutations as a JSON patch against the request's object (empty when nothing changed). */
  readonly patch: readonly JsonPatchOperation[];
  /** Downstream objects to create or update (clone-source labels included, unchanged objects excluded). */
  readonly generated: readonly GeneratedObject[];
  /** Admission only: the verdict. */
  readonly admission?: AdmissionDecision;
}
