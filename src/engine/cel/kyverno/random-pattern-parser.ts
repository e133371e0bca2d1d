// Parses a Go regular expression into the small tree `random(pattern)` generates from (§5.5 "random").
import { compileGoRegexp } from '../../primitives/go-regexp.js';
import { KyvernoCelError, errorMessage } from './errors.js';

/** Inclusive code-point ranges a character class draws from. */
export type Ranges = ReadonlyArray<readonly [number, number]>;

/** A pattern tree: literal text, a character set, a sequence, an alternation or a bounded repeat. */
export type PatternNode =
  | { kind: 'literal'; text: string }
  | { kind: 'set'; ranges: Ranges }
  | { kind: 'concat'; items: PatternNode[] }
  | { kind: 'alternate'; options: PatternNode[] }
  | { kind: 'repeat'; node: PatternNode; min: number; max: number };

/** Extra repetitions allowed for `*`, `+` and `{n,}` (goregen's default MaxUnboundedRepeatCount). */
export const MAX_UNBOUNDED_REPEAT = 10;

// Negated classes and `.` draw from printable ASCII, so generated strings stay readable.
const PRINTABLE: Ranges = [[0x20, 0x7e]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: Ranges = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const PERL_CLASSES: Record<string, Ranges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };
const EMPTY: PatternNode = { kind: 'literal', text: '' };

/** Parses `pattern`: invalid Go syntax or a construct the generator does not support is a KyvernoCelError. */
export function parsePattern(pattern: string): PatternNode {
  try {
    compileGoRegexp(pattern);
  } catch (e) {
    throw new KyvernoCelError(errorMessage(e), { cause: e });
  }
  return new Parser(pattern).parse();
}

function unsupported(what: string): KyvernoCelError {
  return new KyvernoCelError(`random: unsupported regular expression construct: ${what}`);
}

/** The printable-ASCII code points not in `ranges`. */
export function complement(ranges: Ranges): Ranges {
  const out: [number, number][] = [];
  let next = PRINTABLE[0][0];
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) out.push([next, Math.min(lo - 1, PRINTABLE[0][1])]);
    next = Math.max(next, hi + 1);
  }
  if (next <= PRINTABLE[0][1]) out.push([next, PRINTABLE[0][1]]);
  return out.filter(([lo, hi]) => lo <= hi);
}

// Recursive descent over syntax re2js already accepted, so only unsupported constructs need errors here.
class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): PatternNode {
    return this.alternation();
  }

  private peek(): string {
    return this.src[this.pos] ?? '';
  }

  private alternation(): PatternNode {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alternate', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return items.length === 1 ? items[0] : { kind: 'concat', items };
  }

  private quantified(node: PatternNode): PatternNode {
    const c = this.peek();
    let bounds: [number, number] | undefined;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      bounds = c === '?' ? [0, 1] : [c === '+' ? 1 : 0, (c === '+' ? 1 : 0) + MAX_UNBOUNDED_REPEAT];
    } else if (c === '{') bounds = this.braces();
    if (bounds === undefined) return node;
    if (this.peek() === '?') this.pos++; // lazy quantifiers generate the same strings
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  /** `{n}`, `{n,}` or `{n,m}`; a `{` that is not a repeat (Go treats it as a literal) returns undefined. */
  private braces(): [number, number] | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    const min = Number(m[1]);
    if (m[2] === undefined) return [min, min];
    return [min, m[3] === '' ? min + MAX_UNBOUNDED_REPEAT : Number(m[3])];
  }

  private atom(): PatternNode {
    const c = String.fromCodePoint(this.src.codePointAt(this.pos) as number);
    this.pos += c.length;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { kind: 'set', ranges: this.characterClass() };
      case '.':
        return { kind: 'set', ranges: PRINTABLE };
      case '^':
      case '$':
        return EMPTY; // anchors produce nothing
      case '\\':
        return this.escape();
      default:
        return { kind: 'literal', text: c };
    }
  }

  private group(): PatternNode {
    if (this.peek() === '?') {
      const named = /^\?P?<[A-Za-z0-9_]+>|^\?:/.exec(this.src.slice(this.pos));
      if (!named) throw unsupported(`flags in ${this.src.slice(this.pos - 1)}`);
      this.pos += named[0].length;
    }
    const inner = this.alternation();
    this.pos++; // ')'
    return inner;
  }

  private escape(): PatternNode {
    const c = this.src[this.pos++];
    if (PERL_CLASSES[c]) return { kind: 'set', ranges: PERL_CLASSES[c] };
    if (c === 'A' || c === 'z') return EMPTY;
    if (c === 'Q') {
      const end = this.src.indexOf('\\E', this.pos);
      const text = this.src.slice(this.pos, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return { kind: 'literal', text };
    }
    return { kind: 'literal', text: String.fromCodePoint(this.escapedChar(c)) };
  }

  /** The code point of a single-character escape (after the backslash and `c`). */
  private escapedChar(c: string): number {
    if (CONTROL_ESCAPES[c]) return CONTROL_ESCAPES[c].charCodeAt(0);
    if (c === 'x') {
      const m = /^\{([0-9A-Fa-f]+)\}|^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      return parseInt(m[1] ?? m[0], 16);
    }
    if (/[0-7]/.test(c)) {
      const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      return parseInt(c + m[0], 8);
    }
    if (/[A-Za-z]/.test(c)) throw unsupported(`\\${c}`);
    return c.codePointAt(0) as number;
  }

  private characterClass(): Ranges {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: (readonly [number, number])[] = [];
    for (let first = true; first || this.peek() !== ']'; first = false) {
      if (this.src.startsWith('[:', this.pos)) throw unsupported('POSIX character class');
      if (this.src.startsWith('\\', this.pos) && PERL_CLASSES[this.src[this.pos + 1]]) {
        ranges.push(...PERL_CLASSES[this.src[this.pos + 1]]);
        this.pos += 2;
        continue;
      }
      const lo = this.classChar();
      const isRange = this.peek() === '-' && this.src[this.pos + 1] !== ']';
      if (isRange) this.pos++;
      ranges.push([lo, isRange ? this.classChar() : lo]);
    }
    this.pos++; // ']'
    return negated ? complement(ranges) : ranges;
  }

  private classChar(): number {
    const c = this.src.codePointAt(this.pos) as number;
    this.pos += c > 0xffff ? 2 : 1;
    return c === 0x5c ? this.escapedChar(this.src[this.pos++]) : c;
  }
}
