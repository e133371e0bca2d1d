// Kyverno: spec §5.3 "Lists" — cel-go ext.Lists version 3 and the Kubernetes list library.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celCompare, celEquals, typeName } from './equality.js';
import {
  UintClass,
  celError,
  celNamespace,
  checkInt64,
  durationFromNanos,
  durationNanos,
  isDuration,
} from './runtime.js';
import { registerSortBy } from './sort-by.js';

/** ext.Lists `slice`: elements [start, end); negative, reversed or out-of-range bounds are errors. */
export function slice(list: unknown[], start: bigint, end: bigint): unknown[] {
  const what = `cannot slice(${start}, ${end})`;
  if (start < 0n || end < 0n) throw celError(`${what}, negative indexes not supported`);
  if (start > end) throw celError(`${what}, start index must be less than or equal to end index`);
  if (end > BigInt(list.length)) throw celError(`${what}, list is length ${list.length}`);
  return list.slice(Number(start), Number(end));
}

/** ext.Lists `flatten`: nested lists unwrapped `depth` levels. */
export function flatten(list: unknown[], depth: bigint): unknown[] {
  if (depth < 0n) throw celError('level must be non-negative');
  let out = list;
  for (let d = 0n; d < depth && out.some(Array.isArray); d++) out = out.flatMap((x) => (Array.isArray(x) ? x : [x]));
  return out;
}

/** ext.Lists `distinct`: first occurrences, by CEL equality. */
export function distinct(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of list) if (!out.some((y) => celEquals(x, y))) out.push(x);
  return out;
}

/** ext.Lists `sort`: elements must all be of one comparable type. */
export function sortList(list: unknown[]): unknown[] {
  const types = new Set(list.map(typeName));
  if (types.size > 1) throw celError(`list elements must have the same type, got ${[...types].join(', ')}`);
  return [...list].sort(celCompare);
}

// Kubernetes declares isSorted/min/max for lists of these element types; cel-go's overload guard checks a list's
// first element, so another one fails as `no such overload: min(list)`.
const COMPARABLE = new Set([
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'google.protobuf.Timestamp',
  'google.protobuf.Duration',
]);

function guardComparable(name: string, list: unknown[]): void {
  if (list.length > 0 && !COMPARABLE.has(typeName(list[0]))) throw celError(`no such overload: ${name}(list)`);
}

/** Kubernetes `isSorted`: non-decreasing under CEL ordering. */
export function isSorted(list: unknown[]): boolean {
  guardComparable('isSorted', list);
  return list.every((x, i) => i === 0 || celCompare(list[i - 1], x) <= 0);
}

/** Kubernetes `sum` of ints, uints, doubles or durations; an empty list sums to int 0. */
export function sum(list: unknown[]): unknown {
  if (list.length === 0) return 0n;
  const kind = typeName(list[0]);
  if (list.some((x) => typeName(x) !== kind)) throw celError('sum of mixed element types');
  if (kind === 'double') return (list as number[]).reduce((a, b) => a + b, 0);
  if (kind === 'int') return (list as bigint[]).reduce((a, b) => checkInt64(a + b), 0n);
  if (kind === 'uint') return new UintClass(list.reduce<bigint>((a, b) => a + (b as bigint).valueOf(), 0n));
  if (isDuration(list[0])) return durationFromNanos(list.reduce<bigint>((a, b) => a + durationNanos(b as never), 0n));
  throw celError(`no such overload: sum of ${kind}`);
}

/** Kubernetes `min`/`max`: the extreme element by CEL ordering; an error on an empty list. */
function extreme(name: 'min' | 'max', want: -1 | 1): (list: unknown[]) => unknown {
  return (list) => {
    if (list.length === 0) throw celError(`${name} called on empty list`);
    guardComparable(name, list);
    return list.reduce((best, x) => (celCompare(x, best) === want ? x : best));
  };
}

/** Kubernetes `indexOf`: first index of an element equal to `v`, or -1. */
export function indexOf(list: unknown[], v: unknown): bigint {
  return BigInt(list.findIndex((x) => celEquals(x, v)));
}

/** Kubernetes `lastIndexOf`: last index of an element equal to `v`, or -1. */
export function lastIndexOf(list: unknown[], v: unknown): bigint {
  return BigInt(list.findLastIndex((x) => celEquals(x, v)));
}

/** ext.Lists `lists.range(n)`: [0, …, n-1]. */
export function range(n: bigint): bigint[] {
  return Array.from({ length: n > 0n ? Number(n) : 0 }, (_, i) => BigInt(i));
}

function register(env: Environment): void {
  const lists = celNamespace(env, 'lists');
  env.registerFunction('list<T>.slice(int, int): list<T>', slice);
  env.registerFunction('list.flatten(): list', (l: unknown[]) => flatten(l, 1n));
  env.registerFunction('list.flatten(int): list', flatten);
  env.registerFunction('list<T>.distinct(): list<T>', distinct);
  env.registerFunction('list<T>.reverse(): list<T>', (l: unknown[]) => [...l].reverse());
  env.registerFunction('list<T>.sort(): list<T>', sortList);
  env.registerFunction(`${lists}.range(int): list<int>`, (_ns: unknown, n: bigint) => range(n));
  env.registerFunction('list<T>.isSorted(): bool', isSorted);
  env.registerFunction('list<T>.sum(): T', sum);
  env.registerFunction('list<T>.min(): T', extreme('min', -1));
  env.registerFunction('list<T>.max(): T', extreme('max', 1));
  env.registerFunction('list<T>.indexOf(T): int', indexOf);
  env.registerFunction('list<T>.lastIndexOf(T): int', lastIndexOf);
  registerSortBy(env);
}

/** ext.Lists v3 (slice, flatten, distinct, reverse, sort, sortBy, lists.range) and Kubernetes lists. */
export const listsLibrary: CelLibrary = { name: 'ext.lists', register };
