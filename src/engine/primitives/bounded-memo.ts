// A memo for pure functions of a string that recur across evaluations (a pattern's text, a numeric reading): it
// forgets everything once full, so its memory stays bounded without least-recently-used bookkeeping.

/** `compute`, remembered per key for up to `limit` keys at a time. */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let value = known.get(key);
    // An undefined answer is remembered too (one more lookup): "not a quantity" recurs as often as the rest.
    if (value === undefined && !known.has(key)) {
      if (known.size >= limit) known.clear();
      value = compute(key);
      known.set(key, value);
    }
    return value as V;
  };
}
