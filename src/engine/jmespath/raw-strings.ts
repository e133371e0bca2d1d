// Kyverno: spec §6.4 — raw string literals follow go-jmespath's lexer, where `\'` is the only escape.
// jmespath-community also unescapes `\\`, so raw strings are re-encoded before its parser sees them.
import { JmesPathSyntaxError } from './errors.js';

/** Rewrites every raw string literal so that jmespath-community decodes it to the value go-jmespath would. */
export function normalizeRawStrings(expression: string): string {
  if (!expression.includes("'")) return expression;
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (c === '`' || c === '"') {
      const end = skipDelimited(expression, i, c);
      out += expression.slice(i, end);
      i = end;
    } else if (c === "'") {
      const [value, end] = readRawString(expression, i);
      out += `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// A JSON literal or quoted identifier: a backslash skips the next character (go-jmespath consumeUntil).
function skipDelimited(s: string, start: number, delimiter: string): number {
  let i = start + 1;
  while (i < s.length && s[i] !== delimiter) i += s[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, s.length);
}

// Returns the decoded raw string and the index after its closing quote.
function readRawString(s: string, start: number): [string, number] {
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= s.length) throw new JmesPathSyntaxError(`unclosed raw string literal at position ${start} in "${s}"`);
    if (s[i] === '\\' && s[i + 1] === "'") {
      value += "'";
      i += 2;
    } else if (s[i] === "'") {
      return [value, i + 1];
    } else {
      value += s[i++];
    }
  }
}
