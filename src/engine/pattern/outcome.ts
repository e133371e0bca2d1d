// Internal results of matching a pattern subtree: undefined means OK.

/** A non-OK result of matching a pattern subtree against a resource node. */
export interface Mismatch {
  readonly kind: 'fail' | 'skip';
  /** Kyverno's path of the failing element ('' when Kyverno reports none). */
  readonly path: string;
  readonly message: string;
  /** Skip: the error object is itself an anchor error (spec §4.3 "direct" skip), not a summary. */
  readonly direct: boolean;
  /** Fail: a negation anchor matched (never reported as the §4.4.6 error). */
  readonly negation: boolean;
  /** Fail: the exact offending resource field when finer than `path` (an element of a scalar list). */
  readonly field?: string;
}

/** Matching state for one validation (one object serves validation after validation: see validatePattern). */
export interface MatchState {
  /** Which conditional/existence anchor keys were ever present (§4.4.6). */
  seenAnchors: Map<string, boolean> | undefined;
  /**
   * The keys and indices from the root to the node being matched: the first `depth` entries of `trail` (entries
   * past it are stale). Kept as a stack and written out as Kyverno's path (`/spec/containers/0/`) only when a
   * mismatch needs it: most nodes match, and a path string per node visited was most of what a pattern allocated.
   * A counted stack, not push and pop: V8 frees an array's backing store whenever it empties, so a stack that
   * kept returning to the root allocated a new one for every key of the pattern's top level.
   */
  readonly trail: (string | number)[];
  depth: number;
}

/** Step down to `segment` below the node being matched; undo with `leave`. */
export function enter(st: MatchState, segment: string | number): void {
  st.trail[st.depth++] = segment;
}

/** Step back up after `enter`. */
export function leave(st: MatchState): void {
  st.depth--;
}

/** Kyverno's path of the node being matched: `/` for the root, `/spec/containers/0/` below it. */
export function pathOf(st: MatchState): string {
  if (st.depth === 0) return '/';
  let path = '/';
  for (let i = 0; i < st.depth; i++) path += `${st.trail[i]}/`;
  return path;
}

/** A failure. */
export function fail(path: string, message: string, negation = false, field?: string): Mismatch {
  return { kind: 'fail', path, message, direct: false, negation, field };
}

/** A skip raised by an anchor (conditional or global) at this level. */
export function anchorSkip(path: string, message: string): Mismatch {
  return { kind: 'skip', path, message, direct: true, negation: false };
}

/** A skip summarising several skipped elements or anchors; Kyverno joins the messages like multierr. */
export function summarySkip(path: string, skips: readonly Mismatch[]): Mismatch {
  return { kind: 'skip', path, message: skips.map((s) => s.message).join('; '), direct: false, negation: false };
}
