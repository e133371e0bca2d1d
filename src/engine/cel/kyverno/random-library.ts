// Kyverno `random` library (spec kyverno-cel-semantics §5.5 "random"): non-deterministic by design.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { randomFromPattern } from './random-pattern.js';
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
  const ns = namespaceType(env, 'random');
  registerGlobal(env, ['random'], '(): string', () => randomString());
  registerAliases(env, ns, ['random'], '(): string', () => randomString());
  registerGlobal(env, ['random'], '(string): string', (p: string) => randomFromPattern(p));
  registerAliases(env, ns, ['random'], '(string): string', (_: unknown, p: string) => randomFromPattern(p));
}

/** `random()` / `random.random()` (8 chars of `[0-9a-z]`) and `random(pattern)` / `random.random(pattern)`. */
export const randomLibrary: CelLibrary = { name: 'kyverno.random', register };
