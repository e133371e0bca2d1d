// Kyverno: spec §0.1 — a glob with only `*` and `?`, no escaping, anchored, case-sensitive.

/** True when `s` contains a Kyverno wildcard character (`*` or `?`). */
export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Kyverno wildcard match: `*` is any run of characters, `?` exactly one; everything else literal. */
export function wildcardMatch(pattern: string, text: string): boolean {
  if (pattern === '*') return true; // the common case in kind selectors and filters
  if (!hasWildcard(pattern)) return pattern === text;
  const p = Array.from(pattern);
  const t = Array.from(text);
  // Iterative matcher with single-star backtracking: linear in practice, no regex construction.
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === t[ti]))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
