// The AdmissionReview response envelope (admission.k8s.io/v1) and the 400 body for malformed input.
import { type JsonObject } from '../../engine/index.js';
import type { AdmissionOutcome } from './types.js';

/** What goes into `response` besides the uid. */
export interface Verdict {
  readonly allowed: boolean;
  /** Denial reason; sent as status.message. */
  readonly message?: string;
  readonly warnings?: readonly string[];
  /** A JSON patch to return (mutating webhook); omitted when empty. */
  readonly patch?: readonly JsonObject[];
}

/** The AdmissionReview body answering request `uid`. */
export function reviewResponse(uid: string, v: Verdict): JsonObject {
  const response: JsonObject = { uid, allowed: v.allowed };
  // Kyverno: a denial carries status Failure and the message, no code; the API server then answers the client 400.
  if (!v.allowed) response.status = { status: 'Failure', message: v.message ?? '' };
  if (v.warnings && v.warnings.length > 0) response.warnings = [...v.warnings];
  if (v.patch && v.patch.length > 0) {
    response.patchType = 'JSONPatch';
    response.patch = Buffer.from(JSON.stringify(v.patch), 'utf8').toString('base64');
  }
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}

/** The outcome for a body that is not a usable AdmissionReview. */
export function badRequest(error: string): AdmissionOutcome {
  return { status: 400, body: { error }, results: [], generated: [] };
}
