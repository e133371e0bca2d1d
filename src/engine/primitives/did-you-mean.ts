// "Did you mean …?": the known name closest to a misspelt one, for messages about typos in policies and options.

/** The candidate closest to `name` by edit distance, when it is close enough to be a likely typo. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestExact = Infinity;
  for (const c of candidates) {
    // Case-insensitive distance first; the case-sensitive one breaks ties (`Enforced` → `Enforce`, not `enforce`).
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    const exact = editDistance(name, c);
    if (d < bestDistance || (d === bestDistance && exact < bestExact)) [best, bestDistance, bestExact] = [c, d, exact];
  }
  // A third of the name (at least 1, at most 3 edits): `patern` → `pattern`, not `rules` → `roles`.
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  return best !== undefined && bestDistance > 0 && bestDistance <= limit ? best : undefined;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
