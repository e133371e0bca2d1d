// Kyverno: spec §6.7 `semver_compare` — semantic versions as github.com/blang/semver/v4 parses and orders them.

/** A parsed semantic version; numbers are uint64 in Go, hence bigint. Pre-release identifiers keep their kind. */
export interface Semver {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: readonly (bigint | string)[];
  readonly build: readonly string[];
}

const MAX_UINT64 = (1n << 64n) - 1n;
const NUMBERS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

/** The zero version `0.0.0`, which Kyverno uses for an unparsable version. */
export const ZERO_SEMVER: Semver = Object.freeze({ major: 0n, minor: 0n, patch: 0n, pre: [], build: [] });

/** blang `strconv.ParseUint` of a version number, or an error message. */
function parseNumber(s: string, what: string): bigint | string {
  if (!NUMBERS.test(s)) return `Invalid character(s) found in ${what} number ${JSON.stringify(s)}`;
  if (s.length > 1 && s[0] === '0')
    return `${what[0].toUpperCase()}${what.slice(1)} number must not contain leading zeroes ${JSON.stringify(s)}`;
  if (s === '' || BigInt(s) > MAX_UINT64)
    return `strconv.ParseUint: parsing ${JSON.stringify(s)}: ${s === '' ? 'invalid syntax' : 'value out of range'}`;
  return BigInt(s);
}

/** blang `NewPRVersion`: a numeric (no leading zeros) or alphanumeric pre-release identifier. */
function parsePrerelease(s: string): bigint | string | { error: string } {
  if (s === '') return { error: 'Prerelease is empty' };
  if (NUMBERS.test(s)) {
    if (s.length > 1 && s[0] === '0')
      return { error: `Prerelease number must not contain leading zeroes ${JSON.stringify(s)}` };
    const n = BigInt(s);
    return n > MAX_UINT64 ? { error: `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` } : n;
  }
  return ALPHANUM.test(s) ? s : { error: `Invalid character(s) found in prerelease ${JSON.stringify(s)}` };
}

/** Splits `patch[-pre][+build]` the way blang does: build at the first `+`, then pre-release at the first `-`. */
function splitPatch(text: string): { patch: string; pre: string[]; build: string[] } {
  const plus = text.indexOf('+');
  const build = plus === -1 ? [] : text.slice(plus + 1).split('.');
  const rest = plus === -1 ? text : text.slice(0, plus);
  const dash = rest.indexOf('-');
  const pre = dash === -1 ? [] : rest.slice(dash + 1).split('.');
  return { patch: dash === -1 ? rest : rest.slice(0, dash), pre, build };
}

/** blang `semver.Parse` returning the version or its error message. */
export function parseSemverDetailed(s: string): Semver | { error: string } {
  if (s === '') return { error: 'Version string empty' };
  const parts = s.split('.');
  if (parts.length < 3) return { error: 'No Major.Minor.Patch elements found' };
  const major = parseNumber(parts[0], 'major');
  const minor = parseNumber(parts[1], 'minor');
  const rest = splitPatch(parts.slice(2).join('.'));
  const patch = parseNumber(rest.patch, 'patch');
  for (const n of [major, minor, patch]) if (typeof n === 'string') return { error: n };
  const pre: (bigint | string)[] = [];
  for (const p of rest.pre) {
    const parsed = parsePrerelease(p);
    if (typeof parsed === 'object') return parsed;
    pre.push(parsed);
  }
  for (const b of rest.build) {
    if (b === '') return { error: 'Build meta data is empty' };
    if (!ALPHANUM.test(b)) return { error: `Invalid character(s) found in build meta data ${JSON.stringify(b)}` };
  }
  return Object.freeze({
    major: major as bigint,
    minor: minor as bigint,
    patch: patch as bigint,
    pre,
    build: rest.build,
  });
}

/** blang `semver.Parse`: strict `MAJOR.MINOR.PATCH[-pre][+build]` (no `v` prefix, no leading zeros); undefined if invalid. */
export function parseSemver(s: string): Semver | undefined {
  const v = parseSemverDetailed(s);
  return 'error' in v ? undefined : v;
}

/** Three-way comparison of bigints or strings (strings byte-wise, as Go compares them). */
function cmp<T extends bigint | string>(a: T, b: T): -1 | 0 | 1 {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** blang `PRVersion.Compare`: numeric identifiers sort before alphanumeric ones. */
function comparePrerelease(a: bigint | string, b: bigint | string): -1 | 0 | 1 {
  if (typeof a !== typeof b) return typeof a === 'bigint' ? -1 : 1;
  return cmp(a, b);
}

/** Semver 2.0 precedence (build metadata ignored; a release ranks above its pre-releases). */
export function compareSemver(a: Semver, b: Semver): -1 | 0 | 1 {
  const core = cmp(a.major, b.major) || cmp(a.minor, b.minor) || cmp(a.patch, b.patch);
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) return a.pre.length === b.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < a.pre.length && i < b.pre.length; i++) {
    const c = comparePrerelease(a.pre[i], b.pre[i]);
    if (c !== 0) return c;
  }
  return a.pre.length === b.pre.length ? 0 : a.pre.length < b.pre.length ? -1 : 1;
}
