// Go `strings` package semantics on JS strings (runes are code points).

/** strings.Replace: replaces the first n occurrences of old (n < 0: all); an empty old matches at every rune boundary. */
export function goReplace(s: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return s;
  if (old === '') return replaceEmpty(s, replacement, n);
  let out = '';
  let from = 0;
  for (let done = 0; n < 0 || done < n; done++) {
    const at = s.indexOf(old, from);
    if (at < 0) break;
    out += s.slice(from, at) + replacement;
    from = at + old.length;
  }
  return out + s.slice(from);
}

function replaceEmpty(s: string, replacement: string, n: number): string {
  const runes = Array.from(s);
  let out = '';
  let done = 0;
  for (let i = 0; i <= runes.length; i++) {
    if (n < 0 || done < n) {
      out += replacement;
      done++;
    }
    if (i < runes.length) out += runes[i];
  }
  return out;
}

/** strings.Split: an empty separator splits into runes; an empty string with an empty separator gives []. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? Array.from(s) : s.split(sep);
}

/** strings.Trim: removes leading and trailing runes contained in cutset. */
export function goTrim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(Array.from(cutset));
  const runes = Array.from(s);
  let start = 0;
  let end = runes.length;
  while (start < end && cut.has(runes[start])) start++;
  while (end > start && cut.has(runes[end - 1])) end--;
  return runes.slice(start, end).join('');
}

// unicode.ToUpper/ToLower map one rune to one rune; JS special casings (ß → SS) are not applied.
function mapRunes(s: string, map: (r: string) => string): string {
  let out = '';
  for (const r of s) {
    const m = map(r);
    out += Array.from(m).length === 1 ? m : r;
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** strings.ToUpper. */
export function goToUpper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : mapRunes(s, (r) => r.toUpperCase());
}

/** strings.ToLower. */
export function goToLower(s: string): string {
  // U+0130 is the one rune whose simple lowercase (i) differs from JS's full mapping (i + dot).
  return isAscii(s) ? s.toLowerCase() : mapRunes(s, (r) => (r === '\u0130' ? 'i' : r.toLowerCase()));
}

/** strings.EqualFold: rune-by-rune simple case folding. */
export function goEqualFold(a: string, b: string): boolean {
  const ra = Array.from(a);
  const rb = Array.from(b);
  if (ra.length !== rb.length) return false;
  return ra.every((x, i) => {
    const y = rb[i];
    return x === y || goToLower(x) === goToLower(y) || goToUpper(x) === goToUpper(y);
  });
}

/** path.Clean (filepath.Join of one element on Linux): lexical cleaning; '' stays ''. */
export function goCleanPath(p: string): string {
  if (p === '') return '';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}
