// Go `regexp` semantics over re2js (RE2 syntax): compilation cache, ReplaceAll and template expansion.
import { RE2JS, type Matcher } from 're2js';

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 512;

/** Compiles a Go regular expression (cached); throws re2js's `error parsing regexp: …` on bad syntax. */
export function compileGoRegexp(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, re);
  }
  return re;
}

/** Regexp.Match: unanchored search. */
export function goRegexpMatch(re: RE2JS, src: string): boolean {
  return re.matcher(src).find(0);
}

/**
 * Regexp.ReplaceAll / ReplaceAllLiteral: non-overlapping matches left to right; an empty match right
 * after a previous match is not replaced; `$1`, `${1}`, `$name`, `${name}` expand unless `literal`.
 */
export function goReplaceAll(re: RE2JS, src: string, template: string, literal: boolean): string {
  const m = re.matcher(src);
  const names = literal ? {} : re.namedGroups();
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length && m.find(searchPos)) {
    const start = m.start();
    const end = m.end();
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += literal ? template : expand(template, m, names);
    lastMatchEnd = end;
    const width = runeWidth(src, searchPos);
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

function runeWidth(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Regexp.Expand: `$$` is a dollar; a malformed reference leaves the `$` as text; unknown groups expand to ''. */
function expand(template: string, m: Matcher, names: Record<string, number>): string {
  let out = '';
  let rest = template;
  for (let i = rest.indexOf('$'); i >= 0; i = rest.indexOf('$')) {
    out += rest.slice(0, i);
    rest = rest.slice(i);
    if (rest[1] === '$') {
      out += '$';
      rest = rest.slice(2);
      continue;
    }
    const ref = extractReference(rest);
    if (ref === undefined) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    rest = ref.rest;
    const group = ref.num >= 0 ? ref.num : Object.hasOwn(names, ref.name) ? names[ref.name] : -1;
    if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) out += m.group(group) ?? '';
  }
  return out + rest;
}

function extractReference(s: string): { name: string; num: number; rest: string } | undefined {
  if (s.length < 2) return undefined;
  const brace = s[1] === '{';
  let i = brace ? 2 : 1;
  let name = '';
  for (const ch of s.slice(i)) {
    if (!NAME_CHAR.test(ch)) break;
    name += ch;
  }
  if (name === '') return undefined;
  i += name.length;
  if (brace) {
    if (s[i] !== '}') return undefined;
    i++;
  }
  return { name, num: groupNumber(name), rest: s.slice(i) };
}

// All ASCII digits, no leading zero, short enough (Go stops at 1e8 before the next digit); otherwise -1.
function groupNumber(name: string): number {
  let num = 0;
  for (const ch of name) {
    if (ch < '0' || ch > '9' || num >= 1e8) return -1;
    num = num * 10 + (ch.charCodeAt(0) - 48);
  }
  return name.length > 1 && name[0] === '0' ? -1 : num;
}
