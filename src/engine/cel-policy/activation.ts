// Kyverno: kyverno-cel-semantics §5.2 — the CEL inputs of the policies.kyverno.io kinds, built from a CelRequest.
// JSON is converted to CEL values once per request (cached by request object) and shared by every policy.
//
// API: celActivation(req, { policyNamespace, exceptions }) → activation without `variables` (see bindVariables).
import type { JsonObject } from '../json.js';
import { toCelValue } from '../cel/values.js';
import { kyvernoHandles } from '../cel/kyverno/index.js';
import type { CelRequest } from './types.js';

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

interface ConvertedInputs {
  readonly object: unknown;
  readonly oldObject: unknown;
  readonly request: unknown;
  readonly namespaceObject: unknown;
}

const converted = new WeakMap<CelRequest, ConvertedInputs>();

/** The base activation: object, oldObject, request, namespaceObject, exceptions and Kyverno library handles. */
export function celActivation(req: CelRequest, opts: ActivationOptions = {}): Record<string, unknown> {
  const inputs = convertedInputs(req);
  const exceptions = opts.exceptions ?? { allowedImages: [], allowedValues: [] };
  return {
    ...kyvernoHandles(req.services, opts.policyNamespace ?? ''),
    ...inputs,
    exceptions: { allowedImages: [...exceptions.allowedImages], allowedValues: [...exceptions.allowedValues] },
  };
}

/** JSON mode (§2.10): `object` is the document; there is no request, oldObject or namespaceObject. */
export function jsonModeActivation(req: CelRequest, opts: ActivationOptions = {}): Record<string, unknown> {
  return { ...celActivation(req, opts), oldObject: null, request: null, namespaceObject: null };
}

function convertedInputs(req: CelRequest): ConvertedInputs {
  let inputs = converted.get(req);
  if (!inputs) {
    const opts = { numbersAsDouble: req.numbersAsDouble === true };
    const object = req.object ? toCelValue(req.object, opts) : null;
    const oldObject = req.oldObject ? toCelValue(req.oldObject, opts) : null;
    const request = toCelValue(req.admission) as Record<string, unknown>;
    inputs = {
      // Kyverno: App. B — the absent side is wrapped in an empty object before conversion, so it reads as {}.
      object: object ?? emptyMap(),
      oldObject: oldObject ?? emptyMap(),
      request: { ...request, object, oldObject },
      namespaceObject: req.namespaceObject ? toCelValue(req.namespaceObject) : null,
    };
    converted.set(req, inputs);
  }
  return inputs;
}

function emptyMap(): unknown {
  return toCelValue({} as JsonObject);
}
