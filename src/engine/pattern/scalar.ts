// Kyverno: spec §4.4 — comparing one resource value with one scalar pattern value.
import { isObject, type JsonValue } from '../json.js';
import type { ScalarNode } from './nodes.js';
import { compileStringPattern, matchStringPattern } from './string-pattern.js';
import { boundedMemo } from '../primitives/bounded-memo.js';

/** Does `value` (undefined = missing) satisfy the pattern value `pattern`? */
export function matchScalar(value: JsonValue | undefined, pattern: JsonValue): boolean {
  if (typeof pattern === 'string') return matchStringPattern(value, cachedStringPattern(pattern));
  if (Array.isArray(pattern)) return false;
  // Kyverno: a map used as a scalar pattern only checks that the value is a map.
  if (isObject(pattern)) return isObject(value);
  return matchLiteral(value, pattern);
}

/** Match a compiled scalar pattern node. */
export function matchScalarNode(value: JsonValue | undefined, node: ScalarNode): boolean {
  if (node.text !== undefined) return matchStringPattern(value, node.text);
  return matchLiteral(value, node.value as number | boolean | null);
}

function matchLiteral(value: JsonValue | undefined, pattern: number | boolean | null): boolean {
  if (typeof pattern === 'boolean') return typeof value === 'boolean' && value === pattern;
  if (typeof pattern === 'number')
    return Number.isInteger(pattern) ? matchIntegerPattern(value, pattern) : matchFloatPattern(value, pattern);
  return matchNullPattern(value);
}

// Kyverno: an integer pattern parses a string value as a base-10 int64; a fractional number never equals it.
function matchIntegerPattern(value: JsonValue | undefined, pattern: number): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value === pattern;
  if (typeof value !== 'string' || !/^[+-]?\d+$/.test(value)) return false;
  const parsed = BigInt(value);
  if (parsed > INT64_MAX || parsed < INT64_MIN) return false;
  return parsed === BigInt(pattern);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function matchFloatPattern(value: JsonValue | undefined, pattern: number): boolean {
  if (typeof value === 'number') return value === pattern;
  if (typeof value !== 'string') return false;
  return parseGoFloat(value) === pattern;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/** Go strconv.ParseFloat for decimal input; undefined on syntax or range error. */
function parseGoFloat(s: string): number | undefined {
  if (SPECIAL_FLOAT.test(s)) return /nan/i.test(s) ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  if (!DECIMAL_FLOAT.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

// Kyverno: a null pattern accepts "empty" scalars: missing/null, "", 0 and false.
function matchNullPattern(value: JsonValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'string') return value === '';
  if (typeof value === 'boolean') return !value;
  return false;
}

// matchScalar is called with raw patterns; keep their parsed form so repeated calls do not re-parse.
const cachedStringPattern = boundedMemo(1024, compileStringPattern);
