// Kyverno: spec §5.3 "Sets (ext.Sets)" — list-as-set predicates with CEL equality (`1 == 1.0`).
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celEquals } from './equality.js';
import { celNamespace } from './runtime.js';

function includes(list: unknown[], v: unknown): boolean {
  return list.some((x) => celEquals(x, v));
}

/** `sets.contains(a, b)`: every element of `b` is in `a` (true for an empty `b`). */
export function setContains(a: unknown[], b: unknown[]): boolean {
  return b.every((x) => includes(a, x));
}

/** `sets.equivalent(a, b)`: the same elements, ignoring order and duplicates. */
export function setEquivalent(a: unknown[], b: unknown[]): boolean {
  return setContains(a, b) && setContains(b, a);
}

/** `sets.intersects(a, b)`: at least one common element. */
export function setIntersects(a: unknown[], b: unknown[]): boolean {
  return b.some((x) => includes(a, x));
}

function register(env: Environment): void {
  const sets = celNamespace(env, 'sets');
  const binary = (name: string, fn: (a: unknown[], b: unknown[]) => boolean) =>
    env.registerFunction(`${sets}.${name}(list, list): bool`, (_ns: unknown, a: unknown[], b: unknown[]) => fn(a, b));
  binary('contains', setContains);
  binary('equivalent', setEquivalent);
  binary('intersects', setIntersects);
}

/** ext.Sets: sets.contains, sets.equivalent, sets.intersects. */
export const setsLibrary: CelLibrary = { name: 'ext.sets', register };
