// A minimal CEL lexer for source-level shims: it only needs to tell identifiers, punctuation,
// string/bytes literals and comments apart, so rewrites never touch text inside a literal.

export type CelTokenKind = 'ident' | 'string' | 'number' | 'punct' | 'space';

export interface CelToken {
  readonly kind: CelTokenKind;
  readonly text: string;
  /** Offset of the first character in the source. */
  readonly start: number;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const STRING_PREFIX = /^(?:[rR][bB]?|[bB][rR]?)?(?:"""|'''|"|')/;

/** Splits CEL source into tokens; unterminated literals run to the end (the parser reports them). */
export function tokenizeCel(source: string): CelToken[] {
  const tokens: CelToken[] = [];
  let pos = 0;
  while (pos < source.length) {
    const end = tokenEnd(source, pos);
    tokens.push({ kind: tokenKind(source, pos), text: source.slice(pos, end), start: pos });
    pos = end;
  }
  return tokens;
}

function tokenKind(source: string, pos: number): CelTokenKind {
  const ch = source[pos];
  if (STRING_PREFIX.test(source.slice(pos, pos + 5))) return 'string';
  if (/\s/.test(ch) || source.startsWith('//', pos)) return 'space';
  if (IDENT_START.test(ch)) return 'ident';
  if (/[0-9]/.test(ch)) return 'number';
  return 'punct';
}

function tokenEnd(source: string, pos: number): number {
  const quote = STRING_PREFIX.exec(source.slice(pos, pos + 5));
  if (quote) return stringEnd(source, pos, quote[0]);
  if (source.startsWith('//', pos)) {
    const nl = source.indexOf('\n', pos);
    return nl < 0 ? source.length : nl;
  }
  const ch = source[pos];
  const part = /\s/.test(ch) ? /\s/ : IDENT_START.test(ch) ? IDENT_PART : /[0-9]/.test(ch) ? /[0-9A-Za-z.]/ : null;
  if (part === null) return pos + 1;
  let end = pos + 1;
  while (end < source.length && part.test(source[end])) end++;
  return end;
}

/** End offset of a string literal starting at `pos` whose prefix+opening quote is `opener`. */
function stringEnd(source: string, pos: number, opener: string): number {
  const raw = /^[bB]?[rR]/.test(opener);
  const delimiter = opener.replace(/^[rRbB]+/, '');
  let i = pos + opener.length;
  while (i < source.length) {
    if (!raw && source[i] === '\\') {
      i += 2;
      continue;
    }
    if (source.startsWith(delimiter, i)) return i + delimiter.length;
    if (delimiter.length === 1 && source[i] === '\n') return i;
    i++;
  }
  return source.length;
}
