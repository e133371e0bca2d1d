// time.Parse(layout, value) for Go reference-time layouts; results carry the parsed fixed offset (UTC by default).
import { JmesPathError } from '../errors.js';
import { daysFromCivil, daysIn, type GoTime } from './go-time.js';
import { isFraction, splitLayout, type LayoutChunk } from './go-time-layout.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Parsed fields, -1 when absent. */
interface Fields {
  year: number;
  month: number;
  day: number;
  yday: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  pm?: boolean;
  offset?: number;
}

class Bad {
  constructor(readonly message: string) {}
}

/** Go's time.quote (used by its parse errors): `"` and `\` escaped, control and non-ASCII bytes as `\xNN`. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || c >= 0x80) {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
  }
  return out + '"';
}
const quote = goTimeQuote;
const digitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/**
 * time.Parse: throws Go's ParseError, `parsing time "<value>" as "<layout>": cannot parse "<rest>" as "<elem>"`
 * on a mismatch, or `parsing time "<value>": <problem>` for extra text and out-of-range fields.
 */
export function parseGoTime(layout: string, value: string): GoTime {
  const f: Fields = { year: 0, month: -1, day: -1, yday: -1, hour: 0, minute: 0, second: 0, nsec: 0 };
  const chunks = splitLayout(layout);
  const fail = (m: string) => new JmesPathError(`parsing time ${quote(value)}${m}`);
  let rest = value;
  for (const [i, chunk] of chunks.entries()) {
    const before = rest;
    const r = 'literal' in chunk ? skipLiteral(rest, chunk.literal) : parseStd(chunk.std, rest, f, chunks[i + 1]);
    if (r instanceof Bad) {
      const elem = 'literal' in chunk ? chunk.literal : chunk.std;
      throw fail(r.message || ` as ${quote(layout)}: cannot parse ${quote(before)} as ${quote(elem)}`);
    }
    rest = r;
  }
  if (rest !== '') throw fail(`: extra text: ${quote(rest)}`);
  const problem = resolveDate(f);
  if (problem !== undefined) throw fail(`: ${problem} out of range`);
  const local = daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  const offset = f.offset ?? 0;
  return { sec: local - offset, nsec: f.nsec, offset };
}

// A space in the layout matches any run of spaces; other characters match exactly.
function skipLiteral(value: string, literal: string): string | Bad {
  let v = value;
  let p = literal;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return new Bad('');
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
    } else {
      if (v.length === 0 || v[0] !== p[0]) return new Bad('');
      p = p.slice(1);
      v = v.slice(1);
    }
  }
  return v;
}

function resolveDate(f: Fields): string | undefined {
  if (f.pm === true && f.hour < 12) f.hour += 12;
  else if (f.pm === false && f.hour === 12) f.hour = 0;
  if (f.yday >= 0) {
    let month = 1;
    let rest = f.yday;
    while (month <= 12 && rest > daysIn(month, f.year)) rest -= daysIn(month++, f.year);
    if (month > 12 || (f.month >= 0 && f.month !== month) || (f.day >= 0 && f.day !== rest)) return 'day-of-year';
    f.month = month;
    f.day = rest;
  }
  if (f.month < 0) f.month = 1;
  if (f.day < 0) f.day = 1;
  return f.day < 1 || f.day > daysIn(f.month, f.year) ? 'day' : undefined;
}

// getnum: one or two digits (exactly two when fixed).
function getNum(v: string, fixed: boolean): [number, string] | Bad {
  if (!digitAt(v, 0)) return new Bad('');
  if (!digitAt(v, 1)) return fixed ? new Bad('') : [Number(v[0]), v.slice(1)];
  return [Number(v.slice(0, 2)), v.slice(2)];
}

function ranged(
  r: [number, string] | Bad,
  min: number,
  max: number,
  name: string,
  set: (n: number) => void,
): string | Bad {
  if (r instanceof Bad) return r;
  if (r[0] < min || r[0] > max) return new Bad(`: ${name} out of range`);
  set(r[0]);
  return r[1];
}

function lookupName(v: string, names: string[], short: boolean): [number, string] | Bad {
  for (const [i, full] of names.entries()) {
    const name = short ? full.slice(0, 3) : full;
    if (v.length >= name.length && v.slice(0, name.length).toLowerCase() === name.toLowerCase())
      return [i, v.slice(name.length)];
  }
  return new Bad('');
}

type StdParser = (v: string, f: Fields, std: string, next: LayoutChunk | undefined) => string | Bad;

function parseYear(v: string, f: Fields): string | Bad {
  if (!/^\d{4}/.test(v)) return new Bad('');
  f.year = Number(v.slice(0, 4));
  return v.slice(4);
}

// Two-digit years: 69–99 are 19xx, 00–68 are 20xx.
function parseShortYear(v: string, f: Fields): string | Bad {
  if (!/^\d\d/.test(v)) return new Bad('');
  const y = Number(v.slice(0, 2));
  f.year = y >= 69 ? 1900 + y : 2000 + y;
  return v.slice(2);
}

function parseMonthName(v: string, f: Fields, std: string): string | Bad {
  const r = lookupName(v, MONTHS, std === 'Jan');
  if (r instanceof Bad) return r;
  f.month = r[0] + 1;
  return r[1];
}

function parseDayName(v: string, _f: Fields, std: string): string | Bad {
  const r = lookupName(v, DAYS, std === 'Mon');
  return r instanceof Bad ? r : r[1];
}

// Numeric elements: the zero-padded spelling needs exactly two digits.
const numeric =
  (name: string, min: number, max: number, set: (f: Fields, n: number) => void): StdParser =>
  (v, f, std) =>
    ranged(
      getNum(std === '_2' && v[0] === ' ' ? v.slice(1) : v, std.length === 2 && std[0] === '0'),
      min,
      max,
      name,
      (n) => set(f, n),
    );

const seconds = numeric('second', 0, 59, (f, n) => (f.second = n));

const STD_PARSERS: Record<string, StdParser> = {
  '2006': parseYear,
  '06': parseShortYear,
  Jan: parseMonthName,
  January: parseMonthName,
  Mon: parseDayName,
  Monday: parseDayName,
  '1': numeric('month', 1, 12, (f, n) => (f.month = n)),
  '01': numeric('month', 1, 12, (f, n) => (f.month = n)),
  '2': numeric('day', 0, 99, (f, n) => (f.day = n)),
  _2: numeric('day', 0, 99, (f, n) => (f.day = n)),
  '02': numeric('day', 0, 99, (f, n) => (f.day = n)),
  '002': parseYearDay,
  __2: parseYearDay,
  '15': numeric('hour', 0, 23, (f, n) => (f.hour = n)),
  '3': numeric('hour', 0, 12, (f, n) => (f.hour = n)),
  '03': numeric('hour', 0, 12, (f, n) => (f.hour = n)),
  '4': numeric('minute', 0, 59, (f, n) => (f.minute = n)),
  '04': numeric('minute', 0, 59, (f, n) => (f.minute = n)),
  '5': (v, f, std, next) => parseSeconds(seconds(v, f, std, next), f, next),
  '05': (v, f, std, next) => parseSeconds(seconds(v, f, std, next), f, next),
  PM: parseMeridiem,
  pm: parseMeridiem,
  MST: parseZoneName,
};

function parseStd(std: string, v: string, f: Fields, next: LayoutChunk | undefined): string | Bad {
  if (Object.hasOwn(STD_PARSERS, std)) return STD_PARSERS[std](v, f, std, next);
  return std[0] === '.' || std[0] === ',' ? parseFraction(v, f, std) : parseOffset(v, f, std);
}

function parseYearDay(v: string, f: Fields, std: string): string | Bad {
  let s = v;
  if (std === '__2') s = s.replace(/^ {1,2}/, '');
  const m = /^\d{1,3}/.exec(s);
  if (m === null || (std === '002' && m[0].length !== 3)) return new Bad('');
  const n = Number(m[0]);
  if (n < 1 || n > 366) return new Bad(': day-of-year out of range');
  f.yday = n;
  return s.slice(m[0].length);
}

function parseMeridiem(v: string, f: Fields, std: string): string | Bad {
  const p = v.slice(0, 2);
  const [am, pm] = std === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
  if (p !== am && p !== pm) return new Bad('');
  f.pm = p === pm;
  return v.slice(2);
}

// After seconds, a fraction is accepted even when the layout has none.
function parseSeconds(r: string | Bad, f: Fields, next: LayoutChunk | undefined): string | Bad {
  if (r instanceof Bad || isFraction(next) || !/^[.,]\d/.test(r)) return r;
  const digits = /^[.,](\d+)/.exec(r)?.[1] ?? '';
  f.nsec = nanos(digits);
  return r.slice(1 + digits.length);
}

function nanos(digits: string): number {
  return Number((digits + '000000000').slice(0, 9));
}

function parseFraction(v: string, f: Fields, std: string): string | Bad {
  const n = std.length - 1;
  if (std[1] === '0') {
    if (v.length < n + 1 || !/^[.,]/.test(v) || !/^\d+$/.test(v.slice(1, n + 1))) return new Bad('');
    f.nsec = nanos(v.slice(1, n + 1));
    return v.slice(n + 1);
  }
  const m = /^[.,](\d+)/.exec(v);
  if (m === null) return v;
  f.nsec = nanos(m[1]);
  return v.slice(m[0].length);
}

// Zone abbreviations: UTC, GMT[+-h], or 3-5 capitals (4-5 ending in T); Go gives unknown names offset 0.
function parseZoneName(v: string, f: Fields): string | Bad {
  if (v.startsWith('UTC')) return ((f.offset = 0), v.slice(3));
  const gmt = /^GMT([+-]\d{1,2})?/.exec(v);
  if (gmt !== null) return ((f.offset = Number(gmt[1] ?? 0) * 3600), v.slice(gmt[0].length));
  const caps = /^[A-Z]{3,6}/.exec(v)?.[0] ?? '';
  const n =
    caps.length === 3 || (caps.length === 4 && (caps[3] === 'T' || caps === 'WITA'))
      ? caps.length
      : caps.length === 5 && caps[4] === 'T'
        ? 5
        : 0;
  if (n === 0) return new Bad('');
  f.offset = 0;
  return v.slice(n);
}

function parseOffset(v: string, f: Fields, std: string): string | Bad {
  if (std[0] === 'Z' && v[0] === 'Z') return ((f.offset = 0), v.slice(1));
  const form = std.slice(1);
  const pattern = {
    '070000': /^[+-]\d{6}/,
    '07:00:00': /^[+-]\d\d:\d\d:\d\d/,
    '0700': /^[+-]\d{4}/,
    '07:00': /^[+-]\d\d:\d\d/,
    '07': /^[+-]\d\d/,
  }[form];
  const m = pattern?.exec(v);
  if (m === undefined || m === null) return new Bad('');
  const digits = m[0].slice(1).replace(/:/g, '');
  const [h, mi, s] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)].map((x) => Number(x || '0'));
  if (h > 24 || mi > 60 || s > 60) return new Bad(': time zone offset hour out of range');
  f.offset = (m[0][0] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s);
  return v.slice(m[0].length);
}
