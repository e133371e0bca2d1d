// Message differences that are documented and do not change a verdict, removed before comparing.
// docs/decisions.md ("Differential testing against Kyverno") lists each with its reason.

// Kyverno wraps a failed JMESPath query's error in its own text twice ("…: JMESPath query failed: X: JMESPath
// query failed: X"); Tollgate says it once.
const REPEATED_SUFFIX = /(: (.+)): \2$/;

/** `message` with the documented, verdict-neutral differences normalised away. */
export function normaliseMessage(message) {
  let m = message.trim();
  while (REPEATED_SUFFIX.test(m)) m = m.replace(REPEATED_SUFFIX, '$1');
  return m;
}
