// Random strings matching an RE2 pattern (Kyverno's `random`, which uses goregen): a small parser for
// the generating subset plus a generator. Patterns are validated with re2js first.
type Range = readonly [number, number];
type Node =
  | { kind: 'class'; ranges: Range[]; negate: boolean }
  | { kind: 'cat'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** goregen's DefaultMaxUnboundedRepeatCount. */
const MAX_UNBOUNDED = 4096;
const EMPTY: Node = { kind: 'cat', items: [] };
const PRINTABLE: Range = [0x20, 0x7e];
const CLASS_ESCAPES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
};
const CHAR_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
const POSIX: Record<string, Range[]> = {
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  digit: [[0x30, 0x39]],
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  lower: [[0x61, 0x7a]],
  upper: [[0x41, 0x5a]],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  word: CLASS_ESCAPES.w,
};

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    return this.i < this.src.length ? this.fail() : node;
  }

  private fail(): never {
    throw new Error(`unsupported regular expression for random(): ${this.src}`);
  }

  private alternation(): Node {
    const options = [this.concatenation()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.concatenation());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')')
      items.push(this.quantified(this.atom()));
    return { kind: 'cat', items };
  }

  private quantified(node: Node): Node {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.src.slice(this.i));
    if (m === null) return node;
    this.i += m[0].length;
    if (m[1] !== undefined)
      return { kind: 'repeat', node, min: m[1] === '+' ? 1 : 0, max: m[1] === '?' ? 1 : MAX_UNBOUNDED };
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[4] === '' ? MAX_UNBOUNDED : Number(m[4]);
    return this.quantified({ kind: 'repeat', node, min, max });
  }

  private atom(): Node {
    const c = this.src[this.i++];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '.') return { kind: 'class', ranges: [PRINTABLE], negate: false };
    if (c === '^' || c === '$') return EMPTY;
    if (c === '\\') return this.escape(false) ?? EMPTY;
    const code = c.codePointAt(0) as number;
    if (code > 0xffff) this.i++;
    return literal(code);
  }

  private group(): Node {
    const flags = /^\?(?:P?<[A-Za-z0-9_]+>|[imsU-]*:|[imsU-]+\))/.exec(this.src.slice(this.i));
    if (flags !== null) this.i += flags[0].length;
    if (flags?.[0].endsWith(')')) return EMPTY;
    const node = this.alternation();
    if (this.src[this.i++] !== ')') this.fail();
    return node;
  }

  // One escape: a class (\d), an anchor (\b → undefined) or a literal character.
  private escape(inClass: boolean): Node | undefined {
    const c = this.src[this.i++];
    const lower = c.toLowerCase();
    if (Object.hasOwn(CLASS_ESCAPES, lower))
      return { kind: 'class', ranges: CLASS_ESCAPES[lower], negate: c !== lower };
    if (!inClass && 'bBAz'.includes(c)) return undefined;
    if (Object.hasOwn(CHAR_ESCAPES, c)) return literal(CHAR_ESCAPES[c]);
    const hex = /^x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(this.src.slice(this.i - 1));
    if (hex !== null) {
      this.i += hex[0].length - 1;
      return literal(parseInt(hex[1] ?? hex[2], 16));
    }
    return literal(c.codePointAt(0) as number);
  }

  private charClass(): Node {
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    const ranges: Range[] = [];
    for (let first = true; this.src[this.i] !== ']' || first; first = false) {
      if (this.i >= this.src.length) this.fail();
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
      if (posix !== null && Object.hasOwn(POSIX, posix[2])) {
        this.i += posix[0].length;
        ranges.push(...POSIX[posix[2]]);
        continue;
      }
      ranges.push(...this.classItem());
    }
    this.i++;
    return { kind: 'class', ranges, negate };
  }

  private classItem(): Range[] {
    const lo = this.classChar();
    if (lo.kind !== 'class' || lo.negate || lo.ranges.length !== 1 || lo.ranges[0][0] !== lo.ranges[0][1])
      return lo.kind === 'class' ? lo.ranges : [];
    if (this.src[this.i] !== '-' || this.src[this.i + 1] === ']') return lo.ranges;
    this.i++;
    const hi = this.classChar();
    return hi.kind === 'class' ? [[lo.ranges[0][0], hi.ranges[0][1]]] : this.fail();
  }

  private classChar(): Node {
    const c = this.src[this.i++];
    if (c === '\\') return this.escape(true) ?? this.fail();
    const code = c.codePointAt(0) as number;
    if (code > 0xffff) this.i++;
    return literal(code);
  }
}

function literal(code: number): Node {
  return { kind: 'class', ranges: [[code, code]], negate: false };
}

function pick(ranges: Range[], negate: boolean, random: () => number): string {
  const allowed = negate ? complement(ranges) : ranges;
  const total = allowed.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
  let k = Math.floor(random() * total);
  for (const [lo, hi] of allowed) {
    if (k <= hi - lo) return String.fromCodePoint(lo + k);
    k -= hi - lo + 1;
  }
  return '';
}

// Printable ASCII outside the given ranges.
function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  for (let c = PRINTABLE[0]; c <= PRINTABLE[1]; c++)
    if (!ranges.some(([lo, hi]) => c >= lo && c <= hi)) out.push([c, c]);
  return out;
}

function generate(node: Node, random: () => number): string {
  switch (node.kind) {
    case 'class':
      return pick(node.ranges, node.negate, random);
    case 'cat':
      return node.items.map((n) => generate(n, random)).join('');
    case 'alt':
      return generate(node.options[Math.floor(random() * node.options.length)], random);
    case 'repeat': {
      const count = node.min + Math.floor(random() * (node.max - node.min + 1));
      let out = '';
      for (let k = 0; k < count; k++) out += generate(node.node, random);
      return out;
    }
  }
}

/** A random string matching `pattern` (unbounded repeats capped at 4096, as goregen does). */
export function generateMatching(pattern: string, random: () => number): string {
  return generate(new Parser(pattern).parse(), random);
}
