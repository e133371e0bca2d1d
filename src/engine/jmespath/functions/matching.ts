// Kyverno's matching functions (spec §6.7 "Matching"): regexes (RE2), wildcards, labels, semver, booleans, URLs.
import { formatGoFloat32 } from '../../primitives/go-format.js';
import { semverSatisfies } from '../../primitives/semver.js';
import { wildcardMatch } from '../../primitives/wildcard.js';
import { functionError, JmesPathError } from '../errors.js';
import type { Arg, EvalState } from '../runtime.js';
import type { Value, ValueObject } from '../values.js';
import { compileGoRegexp, goRegexpMatch, goReplaceAll } from '../../primitives/go-regexp.js';
import { isExternalUrl } from './external-url.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

const str = (v: unknown): string => v as string;

/** Kyverno's ifaceToString for `str|num` arguments: numbers use Go's float32 shortest 'f' formatting. */
export function stringOrNumber(v: Arg): string {
  return typeof v === 'number' ? formatGoFloat32(v) : (v as string);
}

function compile(name: string, pattern: string) {
  try {
    return compileGoRegexp(pattern);
  } catch (err) {
    throw functionError(name, err instanceof Error ? err.message : String(err));
  }
}

function regexMatch(pattern: string, src: string): boolean {
  try {
    return goRegexpMatch(compileGoRegexp(pattern), src);
  } catch (err) {
    // regexp.Match returns the compile error unprefixed.
    if (err instanceof JmesPathError) throw err;
    throw new JmesPathError(err instanceof Error ? err.message : String(err));
  }
}

function regexReplace(name: string, literal: boolean): FunctionSpec {
  return kyvernoFunction(name, [arg('string'), arg('string', 'number'), arg('string', 'number')], ([re, src, repl]) =>
    goReplaceAll(compile(name, str(re)), stringOrNumber(src), stringOrNumber(repl), literal),
  );
}

// Go compares label values with == on interfaces: scalars by value, compound values never match.
function labelMatch(selector: ValueObject, labels: ValueObject): boolean {
  return Object.keys(selector).every((k) => {
    const want = selector[k];
    return Object.hasOwn(labels, k) && labels[k] === want && (typeof want !== 'object' || want === null);
  });
}

function toBoolean(s: string): boolean {
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw functionError('to_boolean', `lowercase argument must be 'true' or 'false' (provided: '${s}')`);
}

function semverCompare(version: string, range: string): boolean {
  try {
    return semverSatisfies(version, range);
  } catch (err) {
    throw new JmesPathError(err instanceof Error ? err.message : String(err));
  }
}

/** regex_match … is_external_url. */
export const MATCHING_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('regex_match', [arg('string'), arg('string', 'number')], ([re, src]) =>
    regexMatch(str(re), stringOrNumber(src)),
  ),
  regexReplace('regex_replace_all', false),
  regexReplace('regex_replace_all_literal', true),
  kyvernoFunction('pattern_match', [arg('string'), arg('string', 'number')], ([p, src]) =>
    wildcardMatch(str(p), stringOrNumber(src)),
  ),
  kyvernoFunction('label_match', [arg('object'), arg('object')], ([s, l]) =>
    labelMatch(s as ValueObject, l as ValueObject),
  ),
  kyvernoFunction('to_boolean', [arg('string')], ([s]) => toBoolean(str(s))),
  kyvernoFunction('semver_compare', [arg('string'), arg('string')], ([v, r]) => semverCompare(str(v), str(r))),
  kyvernoFunction('is_external_url', [arg('string')], ([u], state: EvalState): Value =>
    isExternalUrl(str(u), state.runtime),
  ),
];
