// Kyverno: spec §6.7 `semver_compare` — port of blang/semver/v4 `ParseRange` (quirks included).
import { ZERO_SEMVER, compareSemver, parseSemver, parseSemverDetailed, type Semver } from './semver-version.js';

/** Thrown for a range string blang/semver rejects; the message is blang's. */
export class SemverRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemverRangeError';
  }
}

/** A compiled range: true when the version satisfies it. */
export type SemverRange = (v: Semver) => boolean;

const COMPARATORS: ReadonlyMap<string, (c: number) => boolean> = new Map([
  ['', (c: number) => c === 0],
  ['=', (c: number) => c === 0],
  ['==', (c: number) => c === 0],
  ['!', (c: number) => c !== 0],
  ['!=', (c: number) => c !== 0],
  ['>', (c: number) => c === 1],
  ['>=', (c: number) => c >= 0],
  ['<', (c: number) => c === -1],
  ['<=', (c: number) => c <= 0],
]);

const utf8 = new TextEncoder();

/** blang splitAndTrim: split on spaces not preceded by `<`, `>` or `=`; tokens under two bytes are dropped (quirk). */
function splitAndTrim(s: string): string[] {
  const result: string[] = [];
  let last = 0;
  let lastChar = '';
  const keep = (token: string) => utf8.encode(token).length >= 2 && result.push(token);
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ' ' && lastChar !== '<' && lastChar !== '>' && lastChar !== '=') {
      keep(s.slice(last, i));
      last = i + 1;
    } else if (s[i] !== ' ') {
      lastChar = s[i];
    }
  }
  keep(s.slice(last));
  return result.map((t) => t.replaceAll(' ', ''));
}

/** blang splitORParts: groups of AND-ed parts separated by `||`. */
function splitOrParts(parts: string[]): string[][] {
  const groups: string[][] = [];
  let last = 0;
  parts.forEach((p, i) => {
    if (p !== '||') return;
    if (i === 0) throw new SemverRangeError("First element in range is '||'");
    groups.push(parts.slice(last, i));
    last = i + 1;
  });
  if (last === parts.length) throw new SemverRangeError("Last element in range is '||'");
  groups.push(parts.slice(last));
  return groups;
}

/** blang splitComparatorVersion: the operator is everything before the first digit. */
function splitComparatorVersion(s: string): [string, string] {
  const i = s.search(/\p{Nd}/u);
  if (i === -1) throw new SemverRangeError(`Could not get version from string: ${JSON.stringify(s)}`);
  return [s.slice(0, i).trim(), s.slice(i)];
}

/** blang incrementMajorVersion/incrementMinorVersion; `''` when the component is not an integer (Go's ignored error). */
function incrementPart(version: string, index: number): string {
  const parts = version.split('.');
  const n = parts[index] !== undefined && /^[+-]?[0-9]+$/.test(parts[index]) ? BigInt(parts[index]) : undefined;
  if (n === undefined || BigInt.asIntN(64, n) !== n) return '';
  parts[index] = String(n + 1n);
  return parts.join('.');
}

/** blang createVersionFromWildcard: `1.2.x` → `1.2.0`, `1.x` and `1.x.x` → `1.0.0`. */
function flattenWildcard(v: string): string {
  const flat = v.replace('.x.x', '.x').replace('.x', '.0');
  return flat.split('.').length === 2 ? flat + '.0' : flat;
}

/** blang expandWildcardVersion for one part: `>=1.2.x` → `>=1.2.0`, `1.x` → `>=1.0.0`,`<2.0.0`, … */
function expandWildcard(part: string): string[] {
  const [op, v] = splitComparatorVersion(part);
  if (!part.includes('.x')) return [part];
  const parts = v.split('.');
  const level = parts[parts.length - 1] === 'x' ? parts.length : 0; // 2: minor wildcard, 3: patch wildcard
  const flat = flattenWildcard(v);
  const bumped = level === 3 ? incrementPart(flat, 1) : level === 2 ? incrementPart(flat, 0) : '';
  switch (op) {
    case '>':
      return ['>=' + bumped];
    case '>=':
      return ['>=' + flat];
    case '<':
      return ['<' + flat];
    case '<=':
      return ['<' + bumped];
    case '':
    case '=':
    case '==':
      return ['>=' + flat, '<' + bumped];
    // Kyverno: blang quirk — both halves land in the same AND group, so `!=1.2.x` matches nothing.
    case '!=':
    case '!':
      return ['<' + flat, '>=' + bumped];
    // Kyverno: blang quirk — an unknown operator next to a wildcard is silently dropped.
    default:
      return [flat];
  }
}

/** blang buildVersionRange for one expanded part. */
function buildComparison(part: string): SemverRange {
  const [op, v] = splitComparatorVersion(part);
  const test = COMPARATORS.get(op);
  if (test === undefined) {
    throw new SemverRangeError(
      `Could not parse Range ${JSON.stringify(part)}: Could not parse comparator ${JSON.stringify(op)} in ${JSON.stringify(op + v)}`,
    );
  }
  const target = parseSemverDetailed(v);
  if ('error' in target) {
    throw new SemverRangeError(
      `Could not parse Range ${JSON.stringify(part)}: Could not parse version ${JSON.stringify(v)} in ${JSON.stringify(op + v)}: ${target.error}`,
    );
  }
  return (version) => test(compareSemver(version, target));
}

/** blang `ParseRange`: space-separated comparisons are AND-ed, `||` OR-s groups. Throws SemverRangeError. */
export function parseSemverRange(range: string): SemverRange {
  const groups = splitOrParts(splitAndTrim(range)).map((g) => g.flatMap(expandWildcard));
  const compiled = groups.map((g) => g.map(buildComparison));
  return (v) => compiled.some((g) => g.every((test) => test(v)));
}

/** Kyverno `semver_compare`: an unparsable version counts as 0.0.0; an invalid range throws SemverRangeError. */
export function semverSatisfies(version: string, range: string): boolean {
  return parseSemverRange(range)(parseSemver(version) ?? ZERO_SEMVER);
}
