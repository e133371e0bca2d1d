// time.Parse(layout, value) for Go reference-time layouts; results carry the parsed fixed offset (UTC by default).
import { JmesPathError } from '../errors.js';
import { daysFromCivil, daysIn, type GoTime } from './go-time.js';
import { isFraction, splitLayout, type LayoutChunk } from './go-time-layout.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
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

const quote = (s: string): string => JSON.stringify(s);
const digitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** time.Parse: throws Go's `parsing time "<value>" as "<layout>": …` on mismatch. */
export function parseGoTime(layout: string, value: string): GoTime {
  const f: Fields = { year: 0, month: -1, day: -1, yday: -1, hour: 0, minute: 0, second: 0, nsec: 0 };
  const chunks = splitLayout(layout);
  const fail = (m: string) => new JmesPathError(`parsing time ${quote(value)} as ${quote(layout)}${m}`);
  let rest = value;
  for (const [i, chunk] of chunks.entries()) {
    const before = rest;
    const r = 'literal' in chunk ? skipLiteral(rest, chunk.literal) : parseStd(chunk.std, rest, f, chunks[i + 1]);
    if (r instanceof Bad) {
      const elem = 'literal' in chunk ? chunk.literal : chunk.std;
      throw fail(r.message || `: cannot parse ${quote(before)} as ${quote(elem)}`);
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

function ranged(r: [number, string] | Bad, min: number, max: number, name: string, set: (n: number) => void): string | Bad {
  if (r instanceof Bad) return r;
  if (r[0] < min || r[0] > max) return new Bad(`: ${name} out of range`);
  set(r[0]);
  return r[1];
}

function lookupName(v: string, names: string[], short: boolean): [number, string] | Bad {
  for (const [i, full] of names.entries()) {
    const name = short ? full.slice(0, 3) : full;
    if (v.length >= name.length && v.slice(0, name.length).toLowerCase() === name.toLowerCase()) return [i, v.slice(name.length)];
  }
  return new Bad('');
}

function parseStd(std: string, v: string, f: Fields, next: LayoutChunk | undefined): string | Bad {
  switch (std) {
    case '2006':
      if (v.length < 4 || !/^\d{4}/.test(v)) return new Bad('');
      f.year = Number(v.slice(0, 4));
      return v.slice(4);
    case '06': {
      if (!/^\d\d/.test(v)) return new Bad('');
      const y = Number(v.slice(0, 2));
      f.year = y >= 69 ? 1900 + y : 2000 + y;
      return v.slice(2);
    }
    case 'Jan':
    case 'January': {
      const r = lookupName(v, MONTHS, std === 'Jan');
      return r instanceof Bad ? r : ((f.month = r[0] + 1), r[1]);
    }
    case 'Mon':
    case 'Monday': {
      const r = lookupName(v, DAYS, std === 'Mon');
      return r instanceof Bad ? r : r[1];
    }
    case '1':
    case '01':
      return ranged(getNum(v, std === '01'), 1, 12, 'month', (n) => (f.month = n));
    case '2':
    case '_2':
    case '02':
      return ranged(getNum(std === '_2' && v[0] === ' ' ? v.slice(1) : v, std === '02'), 0, 99, 'day', (n) => (f.day = n));
    case '002':
    case '__2':
      return parseYearDay(std, v, f);
    case '15':
      return ranged(getNum(v, false), 0, 23, 'hour', (n) => (f.hour = n));
    case '3':
    case '03':
      return ranged(getNum(v, std === '03'), 0, 12, 'hour', (n) => (f.hour = n));
    case '4':
    case '04':
      return ranged(getNum(v, std === '04'), 0, 59, 'minute', (n) => (f.minute = n));
    case '5':
    case '05':
      return parseSeconds(ranged(getNum(v, std === '05'), 0, 59, 'second', (n) => (f.second = n)), f, next);
    case 'PM':
    case 'pm':
      return parseMeridiem(std, v, f);
    case 'MST':
      return parseZoneName(v, f);
    default:
      return std[0] === '.' || std[0] === ',' ? parseFraction(std, v, f) : parseOffset(std, v, f);
  }
}

function parseYearDay(std: string, v: string, f: Fields): string | Bad {
  let s = v;
  if (std === '__2') s = s.replace(/^ {1,2}/, '');
  const m = /^\d{1,3}/.exec(s);
  if (m === null || (std === '002' && m[0].length !== 3)) return new Bad('');
  const n = Number(m[0]);
  if (n < 1 || n > 366) return new Bad(': day-of-year out of range');
  f.yday = n;
  return s.slice(m[0].length);
}

function parseMeridiem(std: string, v: string, f: Fields): string | Bad {
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

function parseFraction(std: string, v: string, f: Fields): string | Bad {
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
  if (v.startsWith('UTC')) return (f.offset = 0), v.slice(3);
  const gmt = /^GMT([+-]\d{1,2})?/.exec(v);
  if (gmt !== null) return (f.offset = Number(gmt[1] ?? 0) * 3600), v.slice(gmt[0].length);
  const caps = /^[A-Z]{3,6}/.exec(v)?.[0] ?? '';
  const n = caps.length === 3 || (caps.length === 4 && (caps[3] === 'T' || caps === 'WITA')) ? caps.length : caps.length === 5 && caps[4] === 'T' ? 5 : 0;
  if (n === 0) return new Bad('');
  f.offset = 0;
  return v.slice(n);
}

function parseOffset(std: string, v: string, f: Fields): string | Bad {
  if (std[0] === 'Z' && v[0] === 'Z') return (f.offset = 0), v.slice(1);
  const form = std.slice(1);
  const pattern = { '070000': /^[+-]\d{6}/, '07:00:00': /^[+-]\d\d:\d\d:\d\d/, '0700': /^[+-]\d{4}/, '07:00': /^[+-]\d\d:\d\d/, '07': /^[+-]\d\d/ }[form];
  const m = pattern?.exec(v);
  if (m === undefined || m === null) return new Bad('');
  const digits = m[0].slice(1).replace(/:/g, '');
  const [h, mi, s] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)].map((x) => Number(x || '0'));
  if (h > 24 || mi > 60 || s > 60) return new Bad(': time zone offset hour out of range');
  f.offset = (m[0][0] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s);
  return v.slice(m[0].length);
}
