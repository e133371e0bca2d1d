// One request seen by each policy family, for the object as it stands at each point of the pipeline. Views are
// built once per object, so every policy of a request shares its context parts and CEL inputs.
import type { JsonObject } from '../json.js';
import { splitApiVersion } from '../match/kind-selector.js';
import { labelsOf } from '../match/match.js';
import { isObject } from '../json.js';
import { namespaceOf, type EvaluationEnv, type EvaluationRequest, type PolicyValues } from '../evaluate/request.js';
import type { CelRequest } from '../cel-policy/types.js';
import { RequestMemo } from '../evaluate/request-memo.js';
import { SmallMap } from '../primitives/small-map.js';
import type { CompiledCelException } from '../cel-policy/cel-exception.js';
import type { LoadedPolicy, StageInput } from '../kinds/types.js';
import type { SetInternals } from '../policy-set/policy-set.js';
import { admissionCelRequest, cliCelRequest } from './cel-request.js';
import type { EvaluationServices, PolicyRequest, RequestOrigin } from './types.js';

/** The views of one request; `original` is the object before any mutation. */
export class RequestViews implements StageInput {
  readonly origin: RequestOrigin;
  readonly env: EvaluationEnv;
  readonly celExceptions: readonly CompiledCelException[];
  readonly #request: PolicyRequest;
  readonly #services: EvaluationServices;
  readonly #original: JsonObject | null;
  readonly #classic: EvaluationRequest;
  readonly #classicView: { readonly req: EvaluationRequest };
  // Made when first needed: an admission validate request never looks beyond its own object. Per object and
  // operation one view, shared by every policy that asks without test values.
  #classicByObject: SmallMap<JsonObject, Map<string | undefined, ClassicView>> | undefined;
  #celByObject: WeakMap<JsonObject, CelRequest> | undefined;
  #celWithoutObject: CelRequest | undefined;

  constructor(set: SetInternals, request: PolicyRequest, services: EvaluationServices, original: JsonObject | null) {
    this.origin = request.origin;
    this.#request = request;
    this.#services = services;
    this.#original = original;
    this.celExceptions = set.celExceptions;
    this.env = {
      queries: set.queries,
      clock: services.clock,
      cluster: services.cluster,
      defaultRegistry: services.defaultRegistry,
      exceptions: set.exceptions,
      celNumbers: request.celNumbers ?? (request.origin === 'cli' ? 'double' : 'int'),
      loadedTrigger: request.origin === 'cli' ? (original ?? undefined) : undefined,
      memo: new RequestMemo(),
    };
    this.#classic =
      request.namespaceLabels !== undefined || request.origin === 'cli'
        ? request
        : withNamespaceLabels(request, namespaceLabelsOf(request, services));
    this.#classicView = { req: this.#classic };
  }

  /** The classic request for `object`; in a CLI run a test's values may choose the operation per policy (§14.3). */
  classicRequest(policy: LoadedPolicy, object: JsonObject | null): { req: EvaluationRequest; values?: PolicyValues } {
    if (this.origin !== 'cli') {
      if (object === this.#request.object || object === null) return this.#classicView;
      return { req: this.#mutatedRequest(object) };
    }
    return this.#cliRequest(policy, object);
  }

  #mutatedRequest(object: JsonObject): EvaluationRequest {
    return (this.#known(object, undefined) ?? this.#remember(object, undefined, { ...this.#classic, object })).req;
  }

  #cliRequest(policy: LoadedPolicy, object: JsonObject | null): { req: EvaluationRequest; values?: PolicyValues } {
    const values = object ? this.#services.values?.(policy, object) : undefined;
    const operation = values?.operation ?? this.#request.operation ?? 'CREATE';
    if (!object) return { req: this.#classic, values };
    const view =
      this.#known(object, operation) ??
      this.#remember(object, operation, cliRequestOf(this.#classic, object, operation));
    return values ? { req: view.req, values } : view;
  }

  /** The CEL request for `object`. */
  celRequest(object: JsonObject | null): CelRequest {
    if (!object) return (this.#celWithoutObject ??= this.#celRequest(null));
    this.#celByObject ??= new WeakMap();
    let found = this.#celByObject.get(object);
    if (!found) this.#celByObject.set(object, (found = this.#celRequest(object)));
    return found;
  }

  #celRequest(object: JsonObject | null): CelRequest {
    if (this.origin === 'cli' && object)
      return cliCelRequest(this.#request, object, this.#original ?? object, this.#services);
    return admissionCelRequest(this.#request, object, this.#services);
  }

  // A lookup, then a build only on a miss (`known ?? remember(…)`): no closure per call.
  #known(object: JsonObject, operation: string | undefined): ClassicView | undefined {
    return this.#classicByObject?.get(object)?.get(operation);
  }

  #remember(object: JsonObject, operation: string | undefined, req: EvaluationRequest): ClassicView {
    this.#classicByObject ??= new SmallMap();
    let byOperation = this.#classicByObject.get(object);
    if (!byOperation) this.#classicByObject.set(object, (byOperation = new Map()));
    const view = { req };
    byOperation.set(operation, view);
    return view;
  }
}

type ClassicView = { readonly req: EvaluationRequest };

// Kyverno CLI: the request follows the resource as mutated so far; UPDATE and DELETE see it as the old object.
function cliRequestOf(classic: EvaluationRequest, object: JsonObject, operation: string): EvaluationRequest {
  return {
    ...classic,
    operation,
    object: operation === 'DELETE' ? null : object,
    oldObject: operation === 'UPDATE' || operation === 'DELETE' ? object : undefined,
  };
}

// Every field of the classic request, listed (the type makes a new field a compile error here): a spread copy that
// gains a key it did not have costs V8 far more than building the object (docs/decisions.md).
function withNamespaceLabels(
  request: PolicyRequest,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): EvaluationRequest {
  const classic: { [K in keyof Required<EvaluationRequest>]: EvaluationRequest[K] } = {
    operation: request.operation,
    object: request.object,
    oldObject: request.oldObject,
    subresource: request.subresource,
    user: request.user,
    namespaceLabels,
    admission: request.admission,
  };
  return classic;
}

// A Namespace is selected by its own labels; anything else by its namespace's (admission and background scans).
function namespaceLabelsOf(
  request: PolicyRequest,
  services: EvaluationServices,
): Readonly<Record<string, string>> | undefined {
  const obj = request.object ?? request.oldObject ?? null;
  const admission = request.admission;
  const kind = isObject(admission?.kind) ? admission.kind : undefined;
  const isNamespace = kind
    ? kind.kind === 'Namespace' && (kind.group ?? '') === ''
    : obj?.kind === 'Namespace' && splitApiVersion(String(obj.apiVersion ?? '')).group === '';
  if (isNamespace) return obj ? labelsOf(obj) : {};
  const ns = typeof admission?.namespace === 'string' ? admission.namespace : namespaceOf(obj);
  const namespace = ns ? services.namespaces?.(ns) : undefined;
  return namespace ? labelsOf(namespace) : undefined;
}
