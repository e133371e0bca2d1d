// Kyverno: kyverno-cel-semantics §5.4 — MutatingPolicy expressions build `Object{…}`,
// `Object.spec.x{…}` and `JSONPatch{…}` message literals. cel-js has no message types, so each
// literal becomes a map literal `dyn({"field": dyn(value), …})` before parsing.
import { tokenizeCel, type CelToken } from './cel-tokens.js';

/** Source after the rewrite plus the original offset of every rewritten character. */
export interface RewrittenSource {
  readonly text: string;
  /** Maps an offset in `text` back to an offset in the original source. */
  originalOffset(offset: number): number;
}

const NO_STOPS: ReadonlySet<string> = new Set();
const KEYWORDS = new Set(['in', 'true', 'false', 'null']);

class Emitter {
  text = '';
  readonly origins: number[] = [];
  emit(piece: string, origin: number): void {
    this.text += piece;
    for (let i = 0; i < piece.length; i++) this.origins.push(origin);
  }
  copy(token: CelToken): void {
    this.text += token.text;
    for (let i = 0; i < token.text.length; i++) this.origins.push(token.start + i);
  }
}

/** Rewrites every message literal of `source` into a dyn map literal (token-aware). */
export function rewriteMessageLiterals(source: string): RewrittenSource {
  const tokens = tokenizeCel(source);
  const out = new Emitter();
  const rewriter = new Rewriter(tokens, out);
  // A stray closer at the top level is copied as is (the parser reports it).
  for (let i = rewriter.expression(0, NO_STOPS); i < tokens.length; i = rewriter.expression(i + 1, NO_STOPS)) {
    out.copy(tokens[i]);
  }
  const origins = out.origins;
  return {
    text: out.text,
    originalOffset: (offset) => (offset >= origins.length ? source.length : origins[offset]),
  };
}

class Rewriter {
  constructor(
    private readonly tokens: readonly CelToken[],
    private readonly out: Emitter,
  ) {}

  /** Copies tokens from `i` until an unbalanced closer or one of `stops` at depth 0; returns its index. */
  expression(i: number, stops: ReadonlySet<string>): number {
    let depth = 0;
    while (i < this.tokens.length) {
      const t = this.tokens[i];
      if (t.kind === 'punct' && depth === 0 && (stops.has(t.text) || ')]}'.includes(t.text))) return i;
      const literalEnd = this.messageStart(i);
      if (literalEnd >= 0) {
        i = this.message(i, literalEnd);
        continue;
      }
      if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
      if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
      this.out.copy(t);
      i++;
    }
    return i;
  }

  /** If a message literal type name starts at `i`, the index of its `{`; otherwise -1. */
  private messageStart(i: number): number {
    const t = this.tokens[i];
    if (t.kind !== 'ident' || KEYWORDS.has(t.text) || this.previousText(i) === '.') return -1;
    let j = i + 1;
    while (this.tokens[j]?.text === '.' && this.tokens[j + 1]?.kind === 'ident') j += 2;
    j = this.skipSpace(j);
    return this.tokens[j]?.text === '{' ? j : -1;
  }

  /** Emits the literal whose type name starts at `i` and whose `{` is at `open`; returns the index after `}`. */
  private message(i: number, open: number): number {
    const origin = this.tokens[i].start;
    this.out.emit('dyn({', origin);
    let j = this.skipSpace(open + 1);
    while (j < this.tokens.length && this.tokens[j].text !== '}') {
      const field = this.tokens[j];
      const colon = this.skipSpace(j + 1);
      if (field.kind !== 'ident' || this.tokens[colon]?.text !== ':') return this.copyRest(j);
      this.out.emit(JSON.stringify(field.text) + ': dyn(', field.start);
      j = this.expression(colon + 1, new Set([',']));
      this.out.emit(')', this.tokens[j]?.start ?? origin);
      if (this.tokens[j]?.text === ',') this.out.copy(this.tokens[j++]);
      j = this.skipSpace(j);
    }
    if (j < this.tokens.length) this.out.emit('})', this.tokens[j].start);
    return j + 1;
  }

  /** Malformed literal: copy the remaining tokens unchanged and let the parser report the error. */
  private copyRest(j: number): number {
    for (; j < this.tokens.length; j++) this.out.copy(this.tokens[j]);
    return j;
  }

  private skipSpace(j: number): number {
    while (this.tokens[j]?.kind === 'space') j++;
    return j;
  }

  private previousText(i: number): string | undefined {
    let j = i - 1;
    while (j >= 0 && this.tokens[j].kind === 'space') j--;
    return this.tokens[j]?.text;
  }
}
