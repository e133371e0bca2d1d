// Kyverno's time functions (spec §6.7 "Time"): RFC 3339 timestamps, Go layouts and Go durations.
import { formatDuration, parseDuration } from '../../primitives/duration.js';
import { JmesPathError } from '../errors.js';
import type { EvalState } from '../runtime.js';
import {
  addDuration,
  civilFields,
  compareTimes,
  formatRfc3339,
  fromUnix,
  subtractTimes,
  truncateTime,
  type GoTime,
} from './go-time.js';
import { goTimeQuote, parseGoTime } from './go-time-parse.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const str = (v: unknown): string => v as string;

// time.Parse(time.RFC3339, s).
function parseRfc3339(s: string): GoTime {
  return parseGoTime(RFC3339, s);
}

function duration(s: string): number {
  const ns = parseDuration(s);
  if (ns === undefined) throw new JmesPathError(durationError(s));
  return ns;
}

const UNIT_NS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1000n],
  ['\u00b5s', 1000n],
  ['\u03bcs', 1000n],
  ['ms', 1000000n],
  ['s', 1000000000n],
  ['m', 60000000000n],
  ['h', 3600000000000n],
]);
const LIMIT = 1n << 63n;

/** The error of Go's time.ParseDuration for a string it rejects: missing unit, unknown unit or invalid duration. */
export function durationError(orig: string): string {
  const invalid = `time: invalid duration ${goTimeQuote(orig)}`;
  let s = /^[-+]/.test(orig) ? orig.slice(1) : orig;
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    const [number, whole, fraction] = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    if (whole === '' && (fraction ?? '') === '') return invalid;
    if (whole !== '' && BigInt(whole) > LIMIT) return invalid;
    s = s.slice(number.length);
    const unit = (/^[^.0-9]*/.exec(s) as RegExpExecArray)[0];
    if (unit === '') return `time: missing unit in duration ${goTimeQuote(orig)}`;
    const ns = UNIT_NS.get(unit);
    if (ns === undefined) return `time: unknown unit ${goTimeQuote(unit)} in duration ${goTimeQuote(orig)}`;
    total += (whole === '' ? 0n : BigInt(whole)) * ns;
    if (total > LIMIT) return invalid;
    s = s.slice(unit.length);
  }
  return invalid;
}

// The clock's instant. Kyverno prints time_now in the host's zone; the engine has none, so it is UTC.
function now(state: EvalState): GoTime {
  const ms = state.runtime.clock.now().getTime();
  const sec = Math.floor(ms / 1000);
  return fromUnix(sec, (ms - sec * 1000) * 1e6);
}

function timeSince(layout: string, t1: string, t2: string, state: EvalState): string {
  const parse = (s: string) => (layout === '' ? parseRfc3339(s) : parseGoTime(layout, s));
  const start = parse(t1);
  const end = t2 === '' ? now(state) : parse(t2);
  return formatDuration(subtractTimes(end, start));
}

// Kyverno: spec §6.7 — an integer layout means "t is Unix seconds".
function timeParse(layout: string, value: string): string {
  if (/^[+-]?\d+$/.test(layout)) {
    if (!/^[+-]?\d+$/.test(value))
      throw new JmesPathError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
    return formatRfc3339(fromUnix(Number(value)));
  }
  return formatRfc3339(parseGoTime(layout, value));
}

function timeToCron(s: string): string {
  const f = civilFields(parseRfc3339(s));
  return `${f.minute} ${f.hour} ${f.day} ${f.month} ${f.weekday}`;
}

const twoTimes = (name: string, fn: (a: GoTime, b: GoTime) => boolean | string) =>
  kyvernoFunction(name, [arg('string'), arg('string')], ([a, b]) => fn(parseRfc3339(str(a)), parseRfc3339(str(b))));

/** time_since … time_truncate. */
export const TIME_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('time_since', [arg('string'), arg('string'), arg('string')], ([l, a, b], state) =>
    timeSince(str(l), str(a), str(b), state),
  ),
  kyvernoFunction('time_now', [], (_, state) => formatRfc3339(now(state))),
  kyvernoFunction('time_now_utc', [], (_, state) => formatRfc3339(now(state))),
  kyvernoFunction('time_add', [arg('string'), arg('string')], ([t, d]) =>
    formatRfc3339(addDuration(parseRfc3339(str(t)), duration(str(d)))),
  ),
  kyvernoFunction('time_parse', [arg('string'), arg('string')], ([l, t]) => timeParse(str(l), str(t))),
  kyvernoFunction('time_utc', [arg('string')], ([t]) => formatRfc3339({ ...parseRfc3339(str(t)), offset: 0 })),
  kyvernoFunction('time_to_cron', [arg('string')], ([t]) => timeToCron(str(t))),
  kyvernoFunction('time_truncate', [arg('string'), arg('string')], ([t, d]) =>
    formatRfc3339(truncateTime(parseRfc3339(str(t)), duration(str(d)))),
  ),
  twoTimes('time_diff', (a, b) => formatDuration(subtractTimes(b, a))),
  twoTimes('time_before', (a, b) => compareTimes(a, b) < 0),
  twoTimes('time_after', (a, b) => compareTimes(a, b) > 0),
  kyvernoFunction('time_between', [arg('string'), arg('string'), arg('string')], ([t, s, e]) => {
    const [time, start, end] = [t, s, e].map((x) => parseRfc3339(str(x)));
    return compareTimes(time, start) > 0 && compareTimes(time, end) < 0;
  }),
];
