// Kyverno: spec §5.3 "Semver" — the Kubernetes semver library (version 1) over blang/semver/v4 parsing.
import type { Environment } from '@marcbachmann/cel-js';
import { compareSemver, parseSemverDetailed, type Semver } from '../../primitives/semver.js';
import type { CelLibrary } from '../library.js';
import { CelOpaque, celError } from './runtime.js';

const SEMVER_TYPE = 'kubernetes.Semver';

/** A CEL Semver value; `==` is semver precedence equality (build metadata ignored). */
export class SemverValue extends CelOpaque {
  constructor(readonly version: Semver) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return other instanceof SemverValue && compareSemver(this.version, other.version) === 0;
  }
}

/** Kubernetes normalizeAndParse's rewrite: no `v` prefix, no leading zeros, missing minor/patch as 0. */
export function normalizeSemver(s: string): string | { error: string } {
  const text = s.startsWith('v') ? s.slice(1) : s;
  const dot1 = text.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : text.indexOf('.', dot1 + 1);
  const parts =
    dot1 < 0
      ? [text]
      : dot2 < 0
        ? [text.slice(0, dot1), text.slice(dot1 + 1)]
        : [text.slice(0, dot1), text.slice(dot1 + 1, dot2), text.slice(dot2 + 1)];
  const trimmed = parts.map((p) => {
    if (p.length <= 1) return p;
    const t = p.replace(/^0+/, '');
    return t === '' || !/^[0-9]/.test(t) ? `0${t}` : t;
  });
  if (trimmed.length < 3 && /[+-]/.test(trimmed[trimmed.length - 1]))
    return { error: 'short version cannot contain PreRelease/Build meta data' };
  while (trimmed.length < 3) trimmed.push('0');
  return trimmed.join('.');
}

/** Parses strictly (blang `Parse`) or after Kubernetes' normalization. */
function parse(s: string, normalize: boolean): Semver | { error: string } {
  const text = normalize ? normalizeSemver(s) : s;
  return typeof text === 'string' ? parseSemverDetailed(text) : text;
}

/** `semver(s[, normalize])`: a Semver, or an error carrying blang's message. */
export function toSemver(s: string, normalize: boolean): SemverValue {
  const v = parse(s, normalize);
  if ('error' in v) throw celError(v.error);
  return new SemverValue(v);
}

function register(env: Environment): void {
  const S = SEMVER_TYPE;
  const cmp = (a: SemverValue, b: SemverValue) => compareSemver(a.version, b.version);
  env.registerType(S, SemverValue);
  env.registerOperator(`${S} == ${S}`, (a: SemverValue, b: SemverValue) => a.celEquals(b));
  env.registerFunction(`semver(string): ${S}`, (s: string) => toSemver(s, false));
  env.registerFunction(`semver(string, bool): ${S}`, toSemver);
  env.registerFunction('isSemver(string): bool', (s: string) => !('error' in parse(s, false)));
  env.registerFunction('isSemver(string, bool): bool', (s: string, n: boolean) => !('error' in parse(s, n)));
  env.registerFunction(`${S}.major(): int`, (v: SemverValue) => v.version.major);
  env.registerFunction(`${S}.minor(): int`, (v: SemverValue) => v.version.minor);
  env.registerFunction(`${S}.patch(): int`, (v: SemverValue) => v.version.patch);
  env.registerFunction(`${S}.isLessThan(${S}): bool`, (a: SemverValue, b: SemverValue) => cmp(a, b) < 0);
  env.registerFunction(`${S}.isGreaterThan(${S}): bool`, (a: SemverValue, b: SemverValue) => cmp(a, b) > 0);
  env.registerFunction(`${S}.compareTo(${S}): int`, (a: SemverValue, b: SemverValue) => BigInt(cmp(a, b)));
}

/** Kubernetes semver library (version 1, with the normalize overloads). */
export const semverLibrary: CelLibrary = { name: 'kubernetes.semver', register };
