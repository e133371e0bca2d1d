// Argo CD's directory include/exclude globs (gobwas/glob compiled without separators).

/** Thrown when a glob cannot be compiled (e.g. an unclosed `[` or `{`). */
export class GlobSyntaxError extends Error {
  constructor(pattern: string, why: string) {
    super(`invalid glob ${JSON.stringify(pattern)}: ${why}`);
    this.name = 'GlobSyntaxError';
  }
}

/**
 * Compile an Argo CD directory glob to an anchored RegExp; throws GlobSyntaxError.
 * Argo CD compiles these without separators, so `*` also matches `/` (as `**` does).
 */
export function compileArgoGlob(pattern: string): RegExp {
  const state = { i: 0 };
  const body = compileSequence(pattern, state, false);
  if (state.i < pattern.length) throw new GlobSyntaxError(pattern, `unexpected ${pattern[state.i]}`);
  return new RegExp(`^${body}$`, 's');
}

/** True when `relPath` (relative to the Application path, forward slashes) matches the glob. */
export function argoGlobMatch(pattern: string, relPath: string): boolean {
  return compileArgoGlob(pattern).test(relPath);
}

function compileSequence(p: string, st: { i: number }, inBraces: boolean): string {
  let out = '';
  while (st.i < p.length) {
    const c = p[st.i];
    if (inBraces && (c === ',' || c === '}')) return out;
    st.i++;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') out += compileClass(p, st);
    else if (c === '{') out += compileAlternatives(p, st);
    else if (c === '\\') out += escapeRegex(p[st.i++] ?? '\\');
    else out += escapeRegex(c);
  }
  if (inBraces) throw new GlobSyntaxError(p, 'unclosed {');
  return out;
}

function compileAlternatives(p: string, st: { i: number }): string {
  const alternatives: string[] = [];
  for (;;) {
    alternatives.push(compileSequence(p, st, true));
    const c = p[st.i++];
    if (c === '}') return `(?:${alternatives.join('|')})`;
  }
}

function compileClass(p: string, st: { i: number }): string {
  const end = p.indexOf(']', st.i + 1);
  if (end < 0) throw new GlobSyntaxError(p, 'unclosed [');
  let inner = p.slice(st.i, end);
  st.i = end + 1;
  const negated = inner.startsWith('!');
  if (negated) inner = inner.slice(1);
  const escaped = inner.replace(/[\\\]^]/g, (ch) => `\\${ch}`);
  return negated ? `[^${escaped}]` : `[${escaped}]`;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
