// Kyverno: spec §5.4 — a range value ("1-3") of the set operators is checked with the pattern string
// semantics of §4.4.1 (alternatives, `&`, prefixes, ranges; durations, then quantities, then wildcards).
// Only string values reach this check (set operators stringify their keys first).
import { parseDuration } from '../primitives/duration.js';
import { parseQuantity, compareQuantities } from '../primitives/quantity.js';
import { wildcardMatch } from '../primitives/wildcard.js';

// Kyverno's range syntax; the sign class `[-|+]` really does admit `|`.
const IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;
const NOT_IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)!-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;

type TermOperator = '' | '>=' | '<=' | '>' | '<' | '!' | '-' | '!-';

/** The operator of one pattern term, checked in Kyverno's order; terms under 2 characters are plain equality. */
function termOperator(term: string): TermOperator {
  if (term.length < 2) return '';
  for (const prefix of ['>=', '<=', '>', '<', '!'] as const) if (term.startsWith(prefix)) return prefix;
  if (NOT_IN_RANGE.test(term)) return '!-';
  return IN_RANGE.test(term) ? '-' : '';
}

/** True when a set operator's string value is an `A-B` range. */
export function isRangeValue(value: string): boolean {
  return termOperator(value) === '-';
}

/** The not-in-range form of a range value, built as Kyverno does (first `-` becomes `!-`). */
export function negateRange(value: string): string {
  return value.replace('-', '!-');
}

/** Applies a comparison operator to the sign of `value - operand`. */
function holds(op: TermOperator, cmp: number): boolean {
  if (op === '>') return cmp > 0;
  if (op === '<') return cmp < 0;
  if (op === '>=') return cmp >= 0;
  if (op === '<=') return cmp <= 0;
  return op === '!' ? cmp !== 0 : cmp === 0;
}

/** `value OP operand`: durations, then quantities, then (equality only) a wildcard match. */
function compareTerm(value: string, operand: string, op: TermOperator): boolean {
  const od = parseDuration(operand);
  const vd = od === undefined ? undefined : parseDuration(value);
  if (od !== undefined && vd !== undefined) return holds(op, Math.sign(vd - od));
  const oq = parseQuantity(operand);
  const vq = oq === undefined ? undefined : parseQuantity(value);
  if (oq !== undefined && vq !== undefined) return holds(op, compareQuantities(vq, oq));
  if (op === '') return wildcardMatch(operand, value);
  return op === '!' ? !wildcardMatch(operand, value) : false;
}

/** One `&`-free term of a pattern. */
function matchesTerm(value: string, term: string): boolean {
  const op = termOperator(term);
  if (op === '-' || op === '!-') {
    const [, low, high] = (op === '-' ? IN_RANGE : NOT_IN_RANGE).exec(term) as RegExpExecArray;
    return op === '-'
      ? matchesTerm(value, `>= ${low}`) && matchesTerm(value, `<= ${high}`)
      : matchesTerm(value, `< ${low}`) || matchesTerm(value, `> ${high}`);
  }
  return compareTerm(value, term.slice(op.length).trim(), op);
}

/** Go `strings.Trim(s, " ")`: strips ASCII spaces only. */
function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

/** Kyverno pattern check of a string value against a string pattern (`|` alternatives of `&` terms). */
export function matchesStringPattern(value: string, pattern: string): boolean {
  if (value === pattern) return true;
  return pattern.split('|').some((alt) =>
    trimSpaces(alt)
      .split('&')
      .every((term) => matchesTerm(value, trimSpaces(term))),
  );
}
