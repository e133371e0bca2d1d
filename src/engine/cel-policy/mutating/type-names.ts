// Kyverno: kyverno-cel-semantics §3.5 "Constructors" and §3.7 quirk — every `Object.<path>{…}` literal must be
// named after its position: the field path of the literal it is the value of. cel-js erases message types (see
// src/engine/cel/message-literals.ts), so the check is made on the source: a literal written as (part of) the
// value of field `f` of literal `T` must be named `T.f`; the outermost literal must be named `Object`. Literals
// inside plain map literals are not checked (their position depends on the map keys).
import { tokenizeCel, type CelToken } from '../../cel/cel-tokens.js';

/** A literal whose type name does not match its position. */
export interface TypeNameMismatch {
  readonly expected: string;
  readonly found: string;
}

type Frame =
  | { readonly kind: 'message'; readonly type: string; field?: string; expectField: boolean }
  | { readonly kind: 'map' }
  | { readonly kind: 'group' };

const KEYWORDS = new Set(['in', 'true', 'false', 'null']);

/** The literals of an applyConfiguration expression whose type names do not match their positions. */
export function typeNameMismatches(source: string): TypeNameMismatch[] {
  const tokens = tokenizeCel(source).filter((t) => t.kind !== 'space');
  const stack: Frame[] = [];
  const out: TypeNameMismatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const literal = literalAt(tokens, i);
    if (literal) {
      const expected = expectedName(stack);
      if (expected !== undefined && expected !== literal.type) out.push({ expected, found: literal.type });
      stack.push({ kind: 'message', type: literal.type, expectField: true });
      i = literal.open;
      continue;
    }
    step(tokens, i, stack);
  }
  return out;
}

/** Tracks brackets and, in a message literal, the field whose value is being read. */
function step(tokens: readonly CelToken[], i: number, stack: Frame[]): void {
  const t = tokens[i];
  const top = stack[stack.length - 1] as Frame | undefined;
  if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) stack.push({ kind: 'group' });
  else if (t.kind === 'punct' && t.text === '{') stack.push({ kind: 'map' });
  else if (t.kind === 'punct' && ')]}'.includes(t.text)) stack.pop();
  else if (top?.kind === 'message' && t.text === ',') top.expectField = true;
  else if (top?.kind === 'message' && top.expectField && t.kind === 'ident' && tokens[i + 1]?.text === ':') {
    top.field = t.text;
    top.expectField = false;
  }
}

function expectedName(stack: readonly Frame[]): string | undefined {
  for (let j = stack.length - 1; j >= 0; j--) {
    const f = stack[j];
    if (f.kind === 'map') return undefined;
    if (f.kind === 'message') return f.field === undefined ? undefined : `${f.type}.${f.field}`;
  }
  return 'Object';
}

/** A message literal `A.b.c{` starting at token `i`: its type name and the index of its `{`. */
function literalAt(tokens: readonly CelToken[], i: number): { type: string; open: number } | undefined {
  const t = tokens[i];
  if (t.kind !== 'ident' || KEYWORDS.has(t.text) || tokens[i - 1]?.text === '.') return undefined;
  const parts = [t.text];
  let j = i + 1;
  while (tokens[j]?.text === '.' && tokens[j + 1]?.kind === 'ident') {
    parts.push(tokens[j + 1].text);
    j += 2;
  }
  return tokens[j]?.text === '{' ? { type: parts.join('.'), open: j } : undefined;
}
