// Field errors as the pod-security-admission fork used by Kyverno reports them (WithFieldErrors).

/** A Go `BadValue`: null stands for Go's nil (no value recorded). */
export type BadValue = string | number | boolean | readonly string[] | null;

/** One offending field of a failed check. */
export interface FieldError {
  readonly type: 'Forbidden' | 'Required';
  readonly field: string;
  readonly badValue: BadValue;
}

/** What a failed check reports. */
export interface CheckViolation {
  readonly reason: string;
  readonly errors: FieldError[];
}

/** A Forbidden field error; without a bad value it is Go's `field.Forbidden(path, "")`, whose bad value is "". */
export function forbidden(field: string, badValue: BadValue = ''): FieldError {
  return { type: 'Forbidden', field, badValue };
}

/** A Required field error (Go sets the bad value to ""). */
export function required(field: string): FieldError {
  return { type: 'Required', field, badValue: '' };
}

/** The values Kyverno matches against `exclude.values` (its extractBadValues). */
export function badValueStrings(v: BadValue): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (typeof v === 'boolean' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return [...(v as readonly string[])];
  return [];
}

/** Go's `%+v` rendering of a bad value. */
export function formatBadValue(v: BadValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${(v as readonly string[]).join(' ')}]`;
  return String(v);
}

/** Go's field.Error.Error(): "<field>: Forbidden" / "<field>: Required value". */
export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${e.type === 'Required' ? 'Required value' : 'Forbidden'}`;
}

/** Sorted, de-duplicated copy (Go sets.String.List()). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareGo);
}

/** Byte-wise string order, as Go's sort.Strings. */
export function compareGo(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
