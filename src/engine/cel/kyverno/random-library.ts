// Kyverno `random` library (spec kyverno-cel-semantics §5.5 "random"): non-deterministic by design.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { namespaceType, registerAliases, registerGlobal } from './register.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 8 characters from `[0-9a-z]` drawn with `rng` (uniform in [0, 1)). */
export function randomString(rng: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return out;
}

function register(env: Environment): void {
  // cel-js handlers cannot see the activation, so the global form uses Math.random.
  registerGlobal(env, ['random'], '(): string', () => randomString());
  registerAliases(env, namespaceType(env, 'random'), ['random'], '(): string', () => randomString());
}

/** `random()` / `random.random()`; `random(pattern)` is not provided. */
export const randomLibrary: CelLibrary = { name: 'kyverno.random', register };
