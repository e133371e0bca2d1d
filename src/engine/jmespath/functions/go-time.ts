// A Go time.Time: an instant (Unix seconds + nanoseconds) and the fixed UTC offset it is shown in.

/** An instant with its zone offset (seconds east of UTC). */
export interface GoTime {
  readonly sec: number;
  readonly nsec: number;
  readonly offset: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year, including 0 and negatives). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days in a month of a year. */
export function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Broken-down fields of a time in its own offset. */
export function civilFields(t: GoTime) {
  const local = t.sec + t.offset;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  return {
    ...civilFromDays(days),
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

/** t.Format(time.RFC3339): `2006-01-02T15:04:05Z07:00`, fractional seconds dropped. */
export function formatRfc3339(t: GoTime): string {
  const f = civilFields(t);
  const year = f.year < 0 ? '-' + pad(f.year, 4) : pad(f.year, 4);
  const date = `${year}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
  if (t.offset === 0) return date + 'Z';
  const abs = Math.abs(t.offset);
  return `${date}${t.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
}

/** t2.Sub(t1) in nanoseconds. */
export function subtractTimes(t2: GoTime, t1: GoTime): number {
  return (t2.sec - t1.sec) * 1e9 + (t2.nsec - t1.nsec);
}

/** t.Add(d) for a duration in nanoseconds. */
export function addDuration(t: GoTime, ns: number): GoTime {
  const total = t.nsec + ns;
  const carry = Math.floor(total / 1e9);
  return { sec: t.sec + carry, nsec: total - carry * 1e9, offset: t.offset };
}

/** Orders two instants: negative, zero or positive. */
export function compareTimes(a: GoTime, b: GoTime): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
}

// Seconds from Go's zero time (January 1, year 1, UTC) to the Unix epoch.
const ZERO_TO_UNIX = 62135596800n;

/** t.Truncate(d): rounds down to a multiple of d since the zero time; d <= 0 leaves t unchanged. */
export function truncateTime(t: GoTime, ns: number): GoTime {
  if (ns <= 0) return t;
  const abs = (BigInt(t.sec) + ZERO_TO_UNIX) * 1_000_000_000n + BigInt(t.nsec);
  const rem = abs % BigInt(ns);
  return addDuration(t, -Number(rem));
}

/** A time from Unix seconds, shown in UTC. */
export function fromUnix(sec: number, nsec = 0, offset = 0): GoTime {
  return { sec, nsec, offset };
}
