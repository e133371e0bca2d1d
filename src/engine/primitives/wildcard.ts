// Kyverno: spec §0.1 — a glob with only `*` and `?`, no escaping, anchored, case-sensitive.

/** True when `s` contains a Kyverno wildcard character (`*` or `?`). */
export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Kyverno wildcard match: `*` is any run of characters, `?` exactly one; everything else literal. */
export function wildcardMatch(pattern: string, text: string): boolean {
  // The common cases in kind selectors and filters; a pattern always matches its own text (`*` and `?` match
  // themselves).
  if (pattern === '*' || pattern === text) return true;
  if (!hasWildcard(pattern)) return pattern === text;
  // `?` is one character: code points, which are code units unless a surrogate pair is involved.
  if (hasSurrogate(pattern) || hasSurrogate(text)) return globMatch(Array.from(pattern), Array.from(text));
  return globMatch(pattern, text);
}

/** Whether some pattern matches `text` (wildcardMatch); a plain loop, for paths that run on every request. */
export function matchesAnyPattern(patterns: readonly string[], text: string): boolean {
  for (const p of patterns) if (wildcardMatch(p, text)) return true;
  return false;
}

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

// Iterative matcher with single-star backtracking: linear in practice, no regex construction.
function globMatch(p: ArrayLike<string>, t: ArrayLike<string>): boolean {
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
