// A memo for pure functions of a string that recur across evaluations (a pattern's text, a numeric reading): it
// forgets everything once full, so its memory stays bounded without least-recently-used bookkeeping.

/** `compute`, remembered per key for up to `limit` keys at a time. */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= limit) known.clear();
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}
