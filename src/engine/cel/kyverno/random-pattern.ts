// Random strings matching a Go regular expression, like Kyverno's goregen-based `random(pattern)` (§5.5 "random").
import { KyvernoCelError } from './errors.js';
import { type PatternNode, type Ranges, parsePattern } from './random-pattern-parser.js';

/** A random string matching `pattern`, drawing from `rng` (uniform in [0, 1)); bad patterns are a KyvernoCelError. */
export function randomFromPattern(pattern: string, rng: () => number = Math.random): string {
  return generate(parsePattern(pattern), rng);
}

function generate(node: PatternNode, rng: () => number): string {
  switch (node.kind) {
    case 'literal':
      return node.text;
    case 'set':
      return String.fromCodePoint(pickCodePoint(node.ranges, rng));
    case 'concat':
      return node.items.map((item) => generate(item, rng)).join('');
    case 'alternate':
      return generate(node.options[pick(node.options.length, rng)], rng);
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1, rng);
      let out = '';
      for (let i = 0; i < count; i++) out += generate(node.node, rng);
      return out;
    }
  }
}

/** A uniformly drawn code point from the union of `ranges`. */
function pickCodePoint(ranges: Ranges, rng: () => number): number {
  const total = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
  if (total === 0) throw new KyvernoCelError('random: character class matches no printable character');
  let index = pick(total, rng);
  for (const [lo, hi] of ranges) {
    if (index <= hi - lo) return lo + index;
    index -= hi - lo + 1;
  }
  throw new KyvernoCelError('random: character class index out of range');
}

function pick(n: number, rng: () => number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}
