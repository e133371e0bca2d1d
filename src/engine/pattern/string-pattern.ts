// Kyverno: spec §4.4.1 — string patterns: `|` alternatives of `&` terms, operators, ranges,
// duration-first then quantity then wildcard comparison. Parsed once; evaluation never re-parses the pattern.
import type { JsonValue } from '../json.js';
import { parseDuration } from '../primitives/duration.js';
import { formatGoE } from '../primitives/go-format.js';
import { compareQuantities, parseQuantity, type Quantity } from '../primitives/quantity.js';
import { wildcardMatch } from '../primitives/wildcard.js';
import { goFixed6 } from './go-text.js';
import { boundedMemo } from '../primitives/bounded-memo.js';

/** A comparison operator of a string pattern term (`''` is equality). */
export type Operator = '' | '!' | '>' | '<' | '>=' | '<=';

/** One `value OP operand` comparison with the operand pre-parsed as duration and quantity. */
export interface Comparison {
  readonly op: Operator;
  readonly operand: string;
  readonly duration: number | undefined;
  readonly quantity: Quantity | undefined;
}

/** A term: a single comparison, or an (not-)in-range pair. */
export type Term =
  | { readonly kind: 'compare'; readonly c: Comparison }
  | { readonly kind: 'inRange' | 'notInRange'; readonly lo: Comparison; readonly hi: Comparison };

/** A compiled string pattern: any alternative holds when all of its terms hold. */
export interface StringPattern {
  readonly raw: string;
  readonly alternatives: readonly (readonly Term[])[];
  /** True when some operand parses as a duration or quantity (the value then needs numeric forms). */
  readonly numeric: boolean;
}

const PREFIX_OPERATORS: readonly Operator[] = ['>=', '<=', '>', '<', '!'];
const RANGE_ENDPOINT = String.raw`[-+]?\d+(?:\.\d+)?[A-Za-z]*`;
const NOT_IN_RANGE = new RegExp(`^(${RANGE_ENDPOINT})!-(${RANGE_ENDPOINT})$`);
const IN_RANGE = new RegExp(`^(${RANGE_ENDPOINT})-(${RANGE_ENDPOINT})$`);

/** Parse a string pattern (`">=1Gi"`, `"*:latest | !*:*"`, `"1-10"`, …) once. */
export function compileStringPattern(raw: string): StringPattern {
  const alternatives = raw.split('|').map((alt) =>
    trimSpaces(alt)
      .split('&')
      .map((t) => compileTerm(trimSpaces(t))),
  );
  const numeric = alternatives.some((alt) => alt.some(isNumericTerm));
  return { raw, alternatives, numeric };
}

// Kyverno trims only ' ' around alternatives and terms (strings.Trim(s, " ")).
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) === 0x20) b--;
  return s.slice(a, b);
}

function compileTerm(t: string): Term {
  if (t.length >= 2) {
    for (const op of PREFIX_OPERATORS)
      if (t.startsWith(op)) return { kind: 'compare', c: comparison(op, t.slice(op.length)) };
    const out = NOT_IN_RANGE.exec(t);
    if (out) return { kind: 'notInRange', lo: comparison('<', out[1]), hi: comparison('>', out[2]) };
    const inside = IN_RANGE.exec(t);
    if (inside) return { kind: 'inRange', lo: comparison('>=', inside[1]), hi: comparison('<=', inside[2]) };
  }
  return { kind: 'compare', c: comparison('', t) };
}

function comparison(op: Operator, rest: string): Comparison {
  const operand = rest.trim();
  return { op, operand, duration: parseDuration(operand), quantity: parseQuantity(operand) };
}

function isNumericTerm(t: Term): boolean {
  const numeric = (c: Comparison) => c.duration !== undefined || c.quantity !== undefined;
  return t.kind === 'compare' ? numeric(t.c) : numeric(t.lo) || numeric(t.hi);
}

/** Evaluate a compiled string pattern against a resource value (missing = undefined). */
export function matchStringPattern(value: JsonValue | undefined, sp: StringPattern): boolean {
  if (value === sp.raw) return true;
  const forms = sp.numeric ? new NumericForms(value) : undefined;
  for (const alt of sp.alternatives) {
    let all = true;
    for (const term of alt)
      if (!matchTerm(value, term, forms)) {
        all = false;
        break;
      }
    if (all) return true;
  }
  return false;
}

function matchTerm(value: JsonValue | undefined, t: Term, forms: NumericForms | undefined): boolean {
  if (t.kind === 'compare') return compare(value, t.c, forms);
  if (t.kind === 'inRange') return compare(value, t.lo, forms) && compare(value, t.hi, forms);
  return compare(value, t.lo, forms) || compare(value, t.hi, forms);
}

function compare(value: JsonValue | undefined, c: Comparison, forms: NumericForms | undefined): boolean {
  if (forms && c.duration !== undefined) {
    const d = forms.duration();
    if (d !== undefined) return holds(Math.sign(d - c.duration), c.op);
  }
  if (forms && c.quantity !== undefined) {
    const q = forms.quantity();
    if (q !== undefined) return holds(compareQuantities(q, c.quantity), c.op);
  }
  return compareText(value, c);
}

function holds(order: number, op: Operator): boolean {
  switch (op) {
    case '':
      return order === 0;
    case '!':
      return order !== 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
  }
}

// Kyverno: spec §4.4.1 step 5.3 / §0.4 — only = and ! compare text; a number is rendered in Go 'E' format.
function compareText(value: JsonValue | undefined, c: Comparison): boolean {
  if (c.op !== '' && c.op !== '!') return false;
  const text = textForm(value);
  if (text === undefined) return false;
  const matched = wildcardMatch(c.operand, text);
  return c.op === '!' ? !matched : matched;
}

function textForm(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatGoE(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** Duration and quantity readings of one numeric text. */
interface NumericReading {
  readonly duration: number | undefined;
  readonly quantity: Quantity | undefined;
}

// Resource values repeat across resources ("1Gi", "500m"): parse each text once (bounded memo).
const readNumeric = boundedMemo(4096, (text): NumericReading => ({
  duration: parseDuration(text),
  quantity: parseQuantity(text),
}));

/** The value as Kyverno's convertNumberToString sees it, read lazily once per pattern evaluation. */
class NumericForms {
  private reading: NumericReading | undefined | null = null;

  constructor(private readonly value: JsonValue | undefined) {}

  // Kyverno: spec §4.4 quirk — a missing value counts as "0"; a number is printed with %f.
  private read(): NumericReading | undefined {
    if (this.reading === null) {
      const v = this.value;
      const text =
        v === null || v === undefined
          ? '0'
          : typeof v === 'string'
            ? v
            : typeof v === 'number'
              ? goFixed6(v)
              : undefined;
      this.reading = text === undefined ? undefined : readNumeric(text);
    }
    return this.reading;
  }

  duration(): number | undefined {
    return this.read()?.duration;
  }

  quantity(): Quantity | undefined {
    return this.read()?.quantity;
  }
}
