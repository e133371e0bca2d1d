// Kyverno `math` library (spec kyverno-cel-semantics §5.5 "math"): `math.round(value, places)`.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { namespaceType } from './register.js';

/** Rounds half away from zero to `places` decimals (negative places round to tens, hundreds, …). */
export function roundToPlaces(value: number, places: bigint): number {
  const scale = 10 ** Number(places);
  const scaled = value * scale;
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return rounded / scale;
}

function register(env: Environment): void {
  // Kyverno: coexists with ext.Math's one-argument math.round; both share the `math` namespace.
  env.registerFunction(`${namespaceType(env, 'math')}.round(double, int): double`, (_: unknown, v: number, p: bigint) =>
    roundToPlaces(v, p),
  );
}

/** Kyverno's two-argument `math.round`. */
export const mathLibrary: CelLibrary = { name: 'kyverno.math', register };
