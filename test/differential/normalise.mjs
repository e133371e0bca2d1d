// Message differences that are documented and do not change a verdict, removed before comparing.
// docs/decisions.md ("Differential testing against Kyverno") lists each with its reason.

// Kyverno wraps a failed JMESPath query's error in its own text twice ("…: JMESPath query failed: X: JMESPath
// query failed: X"); Tollgate says it once.
const REPEATED_SUFFIX = /(: (.+)): \2$/;

// Kyverno lists a podSecurity rule's violated controls in Go map order, different from run to run; Tollgate in
// the Pod Security Standards' order. Compared as a set.
const FORBIDDEN_REASON = /\(Forbidden reason: [^()]*(?:\([^()]*\)[^()]*)*\)/g;

/** `message` with the documented, verdict-neutral differences normalised away. */
export function normaliseMessage(message) {
  let m = message.trim();
  while (REPEATED_SUFFIX.test(m)) m = m.replace(REPEATED_SUFFIX, '$1');
  const reasons = m.match(FORBIDDEN_REASON);
  if (reasons && reasons.length > 1) {
    const start = m.indexOf(reasons[0]);
    m = m.slice(0, start) + [...reasons].sort().join('') + m.slice(start + reasons.join('').length);
  }
  return m;
}

// Kyverno expands a wildcard label or annotation key of a pattern (`X(*-snippet)`) to whichever matching key of
// the resource Go's map iteration yields first, so a message naming that key changes from run to run; Tollgate
// takes the first in the resource's order. Any key of the resource's map is accepted there.
/** `message` with every label and annotation key of `resource` in a `/metadata/<tag>/<key>/` path made generic. */
export function normaliseMetadataKeys(message, resource) {
  let m = message;
  for (const meta of [resource?.metadata, resource?.spec?.template?.metadata]) {
    for (const tag of ['labels', 'annotations']) {
      const keys = Object.keys(meta?.[tag] ?? {}).sort((a, b) => b.length - a.length);
      for (const k of keys) m = m.split(`/metadata/${tag}/${k}/`).join(`/metadata/${tag}/<key>/`);
    }
  }
  return m;
}
