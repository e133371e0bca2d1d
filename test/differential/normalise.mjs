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
