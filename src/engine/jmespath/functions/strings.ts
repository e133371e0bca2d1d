// Kyverno's string functions (spec §6.7 "Strings").
import { createHash } from 'node:crypto';
import { JmesPathError } from '../errors.js';
import { GoInt, compareGoStrings, type Value } from '../values.js';
import { goCleanPath, goEqualFold, goReplace, goSplit, goToLower, goToUpper, goTrim } from './go-strings.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

const str = (v: unknown): string => v as string;
const num = (v: unknown): number => v as number;

// Kyverno: spec §6.7 — `truncate` keeps the first n runes, n truncated toward zero, negative → 0.
function truncate(s: string, n: number): string {
  const max = Math.max(0, Math.trunc(n));
  const runes = Array.from(s);
  return runes.length <= max ? s : runes.slice(0, max).join('');
}

// encoding/base64 StdEncoding: padding required, CR/LF ignored, anything else outside the alphabet fails.
function base64Decode(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  const invalid = clean.search(/[^A-Za-z0-9+/=]/);
  const wellFormed = clean.length % 4 === 0 && /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean);
  if (invalid >= 0 || !wellFormed) {
    const at = invalid >= 0 ? invalid : Math.max(0, clean.search(/=|$/) - (clean.length % 4));
    throw new JmesPathError(`illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

function digest(algorithm: 'sha256' | 'sha1' | 'md5', s: string): string {
  return createHash(algorithm).update(s, 'utf8').digest('hex');
}

/** compare … md5: the string functions. */
export const STRING_FUNCTIONS: readonly FunctionSpec[] = [
  // Kyverno: spec §6.7 — `compare` returns a Go int, never equal to a JMESPath number.
  kyvernoFunction('compare', [arg('string'), arg('string')], ([a, b], state) => {
    state.hasInt = true;
    return new GoInt(compareGoStrings(str(a), str(b)));
  }),
  kyvernoFunction('equal_fold', [arg('string'), arg('string')], ([a, b]) => goEqualFold(str(a), str(b))),
  kyvernoFunction('replace', [arg('string'), arg('string'), arg('string'), arg('number')], ([s, o, r, n]) =>
    goReplace(str(s), str(o), str(r), Math.trunc(num(n))),
  ),
  kyvernoFunction('replace_all', [arg('string'), arg('string'), arg('string')], ([s, o, r]) =>
    goReplace(str(s), str(o), str(r), -1),
  ),
  kyvernoFunction('to_upper', [arg('string')], ([s]) => goToUpper(str(s))),
  kyvernoFunction('to_lower', [arg('string')], ([s]) => goToLower(str(s))),
  kyvernoFunction('trim', [arg('string'), arg('string')], ([s, c]) => goTrim(str(s), str(c))),
  kyvernoFunction('trim_prefix', [arg('string'), arg('string')], ([s, p]) =>
    str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s),
  ),
  kyvernoFunction('split', [arg('string'), arg('string')], ([s, sep]) => goSplit(str(s), str(sep)) as Value[]),
  kyvernoFunction('truncate', [arg('string'), arg('number')], ([s, n]) => truncate(str(s), num(n))),
  kyvernoFunction('path_canonicalize', [arg('string')], ([s]) => goCleanPath(str(s))),
  kyvernoFunction('base64_encode', [arg('string')], ([s]) => Buffer.from(str(s), 'utf8').toString('base64')),
  kyvernoFunction('base64_decode', [arg('string')], ([s]) => base64Decode(str(s))),
  kyvernoFunction('sha256', [arg('string')], ([s]) => digest('sha256', str(s))),
  kyvernoFunction('sha1', [arg('string')], ([s]) => digest('sha1', str(s))),
  kyvernoFunction('md5', [arg('string')], ([s]) => digest('md5', str(s))),
];
