// Kyverno: kyverno-cel-semantics §4.5 — splitting a template scalar into literal text and `(( expr ))`
// placeholders; `\((` is a literal `((`. Parentheses inside the expression are balanced, string literals skipped.
import type { CelEnvironment } from '../../cel/environment.js';
import { compileCel, type CelProgram } from '../../cel/compile.js';

/** Literal text or a compiled placeholder expression. */
export type TemplatePart = string | CelProgram;

/** The parts of `text`; compile errors are pushed to `errors` (the placeholder is then kept as text). */
export function splitPlaceholders(text: string, env: CelEnvironment, errors: string[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\((', i)) {
      literal += '((';
      i += 3;
      continue;
    }
    const end = text.startsWith('((', i) ? closingIndex(text, i + 2) : -1;
    if (end < 0) {
      literal += text[i++];
      continue;
    }
    const source = text.slice(i + 2, end).trim();
    const compiled = compileCel(env, source, 'any');
    if (!compiled.ok) errors.push(`template expression '${source}': ${compiled.error.message}`);
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(compiled.ok ? compiled.program : text.slice(i, end + 2));
    i = end + 2;
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  return parts;
}

/** Index of the `))` closing a placeholder whose expression starts at `from`; -1 when unterminated. */
function closingIndex(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") i = stringEnd(text, i);
    else if (ch === '(') depth++;
    else if (ch === ')' && depth === 0 && text[i + 1] === ')') return i;
    else if (ch === ')') depth--;
  }
  return -1;
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}
