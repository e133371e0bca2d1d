// Kyverno: spec §5.3/§5.5 — the duration reading shared by Equals, NotEquals and the ordering operators.
import type { JsonValue } from '../json.js';
import { parseDuration } from '../primitives/duration.js';

const NS_PER_SECOND = 1e9;

/** A duration string's nanoseconds; the bare `"0"` does not count as a duration here. */
function durationString(v: JsonValue): number | undefined {
  return typeof v === 'string' && v !== '0' ? parseDuration(v) : undefined;
}

/** A number read as whole seconds: Go's `time.Duration(f) * time.Second` truncates the fraction first. */
function secondsAsNanos(v: JsonValue): number | undefined {
  return typeof v === 'number' ? Math.trunc(v) * NS_PER_SECOND : undefined;
}

/**
 * Both sides in nanoseconds when at least one is a duration string (not `"0"`) and the other is a
 * duration string or a number of seconds; undefined otherwise.
 */
export function durationPair(key: JsonValue, value: JsonValue): [number, number] | undefined {
  const k = durationString(key);
  const v = durationString(value);
  if (k === undefined && v === undefined) return undefined;
  const kn = k ?? secondsAsNanos(key);
  const vn = v ?? secondsAsNanos(value);
  return kn === undefined || vn === undefined ? undefined : [kn, vn];
}

/** Go-style conversion of a number of seconds to nanoseconds (fraction truncated), for the Duration* operators. */
export function secondsToNanos(seconds: number): number {
  return Math.trunc(seconds) * NS_PER_SECOND;
}
