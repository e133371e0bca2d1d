// Kyverno `hash` library (spec kyverno-cel-semantics §5.5 "hash"): hex digests of UTF-8 strings.
import { createHash } from 'node:crypto';
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { namespaceType, registerAliases, registerGlobal } from './register.js';

const ALGORITHMS = ['sha1', 'sha256', 'md5'] as const;

/** Lowercase hex digest of the UTF-8 bytes of `text`. */
export function hexDigest(algorithm: (typeof ALGORITHMS)[number], text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

function register(env: Environment): void {
  const ns = namespaceType(env, 'hash');
  for (const alg of ALGORITHMS) {
    registerGlobal(env, [alg], '(string): string', (s: string) => hexDigest(alg, s));
    registerAliases(env, ns, [alg], '(string): string', (_: unknown, s: string) => hexDigest(alg, s));
  }
}

/** `sha1`, `sha256`, `md5` and their `hash.` aliases. */
export const hashLibrary: CelLibrary = { name: 'kyverno.hash', register };
