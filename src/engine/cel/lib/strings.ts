// Kyverno: spec §5.3 "Strings (ext.Strings v2)" — the functions cel-js lacks: charAt, replace, format, strings.quote.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celError, celNamespace, toIndex } from './runtime.js';
import { formatString } from './string-format.js';

/** cel-go `charAt`: the code point at `i`; `i == size` gives "" and anything outside [0, size] is an error. */
export function charAt(s: string, index: bigint): string {
  const chars = [...s];
  const i = toIndex(index);
  if (i < 0 || i > chars.length) throw celError(`index out of range: ${index}`);
  return chars[i] ?? '';
}

/** Go `strings.Replace`: the first `n` occurrences (`n < 0`: all); an empty `old` matches before every code point and at the end. */
export function replaceN(s: string, old: string, replacement: string, n: bigint): string {
  if (n === 0n || old === replacement) return s;
  const limit = n < 0n ? Infinity : Number(n);
  if (old === '') {
    const chars = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (done < limit) {
        out += replacement;
        done++;
      }
      out += chars[i] ?? '';
    }
    return out;
  }
  const parts = s.split(old);
  if (parts.length - 1 <= limit) return parts.join(replacement);
  return parts.slice(0, limit + 1).join(replacement) + old + parts.slice(limit + 1).join(old);
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** cel-go `strings.quote`: double quotes, the C-style escapes and `\\`/`\"`; every other character as is. */
export function quote(s: string): string {
  // Kyverno: spec §5.3 — cel-go replaces invalid UTF-8 with U+FFFD; JS strings only hold lone surrogates.
  const sanitized = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return `"${[...sanitized].map((c) => QUOTE_ESCAPES[c] ?? c).join('')}"`;
}

function register(env: Environment): void {
  const strings = celNamespace(env, 'strings');
  env.registerFunction('string.charAt(int): string', charAt);
  env.registerFunction('string.replace(string, string): string', (s: string, o: string, r: string) =>
    replaceN(s, o, r, -1n),
  );
  env.registerFunction('string.replace(string, string, int): string', replaceN);
  env.registerFunction('string.format(list): string', formatString);
  env.registerFunction(`${strings}.quote(string): string`, (_ns: unknown, s: string) => quote(s));
}

/** ext.Strings version 2, the part cel-js does not provide itself (indexOf, split, trim, join… are cel-js's). */
export const stringsLibrary: CelLibrary = { name: 'ext.strings', register };
