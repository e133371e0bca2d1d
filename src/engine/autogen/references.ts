// Kyverno: spec §10.3 / §4.5 — `$(...)` references in a generated rule's message follow the wrapped pattern.

// A `$(...)` at the start of the text, or after any character other than a backslash.
const REFERENCE = /^\$\(.[^ ]*\)|[^\\]\$\(.[^ ]*\)/g;

/**
 * Shift `$(...)` references in a validate message past the new wrapper: every occurrence of `pivot`
 * (`pattern`, `deny`, `podSecurity`, or `anyPattern/<i>`) in a reference becomes `pivot/shift`.
 */
export function shiftReferences(message: string, shift: string, pivot: string): string {
  let value = message;
  let currentPivot = pivot;
  for (const [whole] of message.matchAll(REFERENCE)) {
    const initial = whole.startsWith('$(');
    const reference = initial ? whole : whole.slice(1);
    const index = reference.indexOf(currentPivot);
    if (index < 0) continue;
    // Kyverno: the bare anyPattern pivot gains the index that follows it, and keeps it for later references.
    if (currentPivot === 'anyPattern') {
      currentPivot = `${currentPivot}/${reference.slice(index + currentPivot.length + 1).split('/')[0]}`;
    }
    const shifted = reference.split(currentPivot).join(`${currentPivot}/${shift}`);
    const replacement = (initial ? '' : whole[0]) + shifted;
    value = value.replace(whole, () => replacement);
  }
  return value;
}
