// Kyverno: kyverno-cel-semantics §5.2 — the CEL inputs of the policies.kyverno.io kinds, built from a CelRequest.
// JSON is converted to CEL values once per request (kept in the request's memo) and shared by every policy.
//
// API: celActivation(req, { policyNamespace, exceptions }) → activation without `variables` (see bindVariables).
import type { JsonObject } from '../json.js';
import { toCelValue } from '../cel/values.js';
import { kyvernoHandles } from '../cel/kyverno/index.js';
import type { CelRequest, ConvertedCelInputs } from './types.js';

/** The `exceptions` variable (§2.8): lists contributed by applicable partial exceptions. */
export interface ExceptionsVariable {
  readonly allowedImages: readonly string[];
  readonly allowedValues: readonly string[];
}

/** Options of one activation. */
export interface ActivationOptions {
  /** Namespace of a Namespaced* policy ('' otherwise), for the namespaced `resource` overloads. */
  readonly policyNamespace?: string;
  readonly exceptions?: ExceptionsVariable;
}

/** The base activation: object, oldObject, request, namespaceObject, exceptions and Kyverno library handles. */
export function celActivation(req: CelRequest, opts: ActivationOptions = {}): Record<string, unknown> {
  const inputs = convertedInputs(req);
  const exceptions = opts.exceptions
    ? { allowedImages: [...opts.exceptions.allowedImages], allowedValues: [...opts.exceptions.allowedValues] }
    : NO_EXCEPTIONS;
  // Object.assign, not a double spread: V8 copies two spread sources into a new object on a slow path (≈20× slower).
  return Object.assign({}, handlesFor(req.services, opts.policyNamespace ?? ''), inputs, { exceptions });
}

const NO_EXCEPTIONS = Object.freeze({ allowedImages: Object.freeze([]), allowedValues: Object.freeze([]) });

// The library handles only wrap the services, so every policy evaluated with the same services shares them.
const handles = new WeakMap<CelRequest['services'], Map<string, Record<string, unknown>>>();
function handlesFor(services: CelRequest['services'], policyNamespace: string): Record<string, unknown> {
  let byNamespace = handles.get(services);
  if (!byNamespace) handles.set(services, (byNamespace = new Map()));
  let found = byNamespace.get(policyNamespace);
  if (!found) byNamespace.set(policyNamespace, (found = kyvernoHandles(services, policyNamespace)));
  return found;
}

/** JSON mode (§2.10): `object` is the document; there is no request, oldObject or namespaceObject. */
export function jsonModeActivation(req: CelRequest, opts: ActivationOptions = {}): Record<string, unknown> {
  return { ...celActivation(req, opts), oldObject: null, request: null, namespaceObject: null };
}

// Converted once per request when it has a memo: every policy of the request reads the same inputs.
function convertedInputs(req: CelRequest): ConvertedCelInputs {
  const known = req.memo?.converted;
  if (known) return known;
  const opts = { numbersAsDouble: req.numbersAsDouble === true };
  const object = req.object ? toCelValue(req.object, opts) : null;
  const oldObject = req.oldObject ? toCelValue(req.oldObject, opts) : null;
  const request = toCelValue(req.admission) as Record<string, unknown>;
  const inputs: ConvertedCelInputs = {
    // Kyverno: App. B — the absent side is wrapped in an empty object before conversion, so it reads as {}.
    object: object ?? emptyMap(),
    oldObject: oldObject ?? emptyMap(),
    request: { ...request, object, oldObject },
    namespaceObject: req.namespaceObject ? toCelValue(req.namespaceObject) : null,
  };
  if (req.memo) req.memo.converted = inputs;
  return inputs;
}

function emptyMap(): unknown {
  return toCelValue({} as JsonObject);
}
