// The policy webhook: a ClusterPolicy, Policy, PolicyException or policies.kyverno.io policy sent to the cluster is
// loaded as `check` and `serve` load it, and denied with the same errors — an invalid policy never reaches the
// cluster's policy set (Kyverno validates policies in its own webhook too).
import { loadPolicies, objectDocument, UNKNOWN_POLICY } from '../../engine/index.js';
import { finish } from './admission-context.js';
import { badRequest } from './response.js';
import { decodeAdmissionReview } from './review.js';
import type { AdmissionOutcome } from './types.js';

/** Answer an AdmissionReview of a policy or exception: denied with its load errors, warned with its notes. */
export function admitPolicy(body: unknown): AdmissionOutcome {
  const decoded = decodeAdmissionReview(body);
  if (!decoded.ok) return badRequest(decoded.error);
  const review = decoded.review;
  if (review.operation === 'DELETE' || !review.object) return finish(review, { allowed: true }, []);
  const loaded = loadPolicies([objectDocument(review.object, 'admission')]);
  if (loaded.diagnostics.length > 0)
    return finish(review, { allowed: false, message: loaded.diagnostics.map((d) => d.message).join('\n') }, []);
  // Alone, every exception names a policy that is not loaded; that note says nothing about this document.
  const warnings = loaded.notes.filter((n) => n.code !== UNKNOWN_POLICY).map((n) => n.message);
  return finish(review, { allowed: true, warnings }, []);
}
