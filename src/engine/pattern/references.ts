// Kyverno: spec §4.5 — `$(path)` references inside a pattern resolve against the pattern itself.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { parseAnchor } from './anchor.js';
import { goFixed6, goValueV } from './go-text.js';

// Kyverno's RegexReferences: `$(` at the start, or after any character but `\`; the path has no spaces.
const REFERENCE = /^\$\(.[^ ]*\)|[^\\]\$\(.[^ ]*\)/g;
const ESCAPED_REFERENCE = /\\\$\(.[^ ]*\)/g;
const OPERATORS = ['>=', '<=', '>', '<', '!'] as const;

type Lookup = (path: string) => JsonValue | undefined;

/** Resolve every `$(…)` reference in the pattern's string leaves; throws Error when one cannot be resolved. */
export function resolvePatternReferences(pattern: JsonValue): JsonValue {
  let index: Map<string, JsonValue> | undefined;
  const lookup: Lookup = (path) => (index ??= indexLeaves(pattern)).get(path);
  return walk(pattern, '', lookup);
}

function walk(v: JsonValue, path: string, lookup: Lookup): JsonValue {
  if (typeof v === 'string') return v.includes('$(') ? resolveString(v, path, lookup) : v;
  if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}/${i}`, lookup));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) out[k] = walk(x, `${path}/${k}`, lookup);
  return out;
}

function resolveString(s: string, path: string, lookup: Lookup): string {
  let value = s;
  for (const [match] of s.matchAll(REFERENCE)) {
    const initial = match.startsWith('$(');
    const reference = initial ? match : match.slice(1);
    const replacement = (initial ? '' : match[0]) + resolveReference(reference, path, lookup);
    value = value.replace(match, () => replacement);
  }
  // `\$(…)` is an escaped reference: drop the backslash.
  return value.replace(ESCAPED_REFERENCE, (m) => m.slice(1));
}

function resolveReference(reference: string, at: string, lookup: Lookup): string {
  const inner = trimChars(reference, '$()');
  const op = OPERATORS.find((o) => inner.length >= 2 && inner.startsWith(o)) ?? '';
  const target = inner.slice(op.length);
  if (target === '')
    throw new Error(`failed to resolve ${reference} at path ${at}: expected path, found empty reference`);
  const found = lookup(withoutAnchors(target.startsWith('/') ? target : `${at}/${target}`));
  if (found === undefined || found === null)
    throw new Error(`failed to resolve ${reference} at path ${at}: the reference points to no value of the pattern`);
  if (op === '') {
    if (typeof found !== 'string')
      throw new Error(
        `reference ${reference} not resolved at path ${at}: it points to a non-string value (${goValueV(found)})`,
      );
    return found;
  }
  if (typeof found === 'string') return op + found;
  // Kyverno: numbers referenced with an operator are printed as %d (integers) or %f.
  if (typeof found === 'number') return op + (Number.isInteger(found) ? String(found) : goFixed6(found));
  throw new Error(
    `failed to resolve ${reference} at path ${at}: incorrect expression: operator ${op} does not match with value ${goValueV(found)}`,
  );
}

function trimChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Scalar leaves of the pattern by their cleaned, anchor-free path (later leaves win, as in Kyverno's walk). */
function indexLeaves(pattern: JsonValue): Map<string, JsonValue> {
  const out = new Map<string, JsonValue>();
  const visit = (v: JsonValue, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}/${i}`));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) visit(x, `${path}/${k}`);
    else out.set(withoutAnchors(path), v);
  };
  visit(pattern, '');
  return out;
}

// Kyverno: anchors in path segments are ignored; paths are cleaned like Go's path.Clean.
function withoutAnchors(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(parseAnchor(seg)?.key ?? seg);
  }
  return `/${out.join('/')}`;
}
