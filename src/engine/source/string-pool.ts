// Equal strings shared across the documents of a run. A repository's manifests repeat the same short values
// (`v1`, `staging`, `ALL`, `100m`) thousands of times, and js-yaml makes a fresh string for each; its longer
// strings are slices of the whole file text (plus the sentinel js-yaml appends), which they keep alive.

// V8 cuts strings this long or longer as slices of their parent.
const SLICED_MIN_LENGTH = 13;

/** One copy of each string; the copies kept hold no parsed text alive. */
export class StringPool {
  readonly #strings = new Map<string, string>();

  /** The pool's copy of `s` (added on first sight). */
  intern(s: string): string {
    const known = this.#strings.get(s);
    if (known !== undefined) return known;
    // A round trip through JSON makes a flat copy that refers to no parent string.
    const own = s.length >= SLICED_MIN_LENGTH ? (JSON.parse(JSON.stringify(s)) as string) : s;
    this.#strings.set(own, own);
    return own;
  }
}
