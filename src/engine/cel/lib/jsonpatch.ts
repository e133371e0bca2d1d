// Kyverno: spec §5.3 "JSONPatch helper" — Kubernetes `jsonpatch.escapeKey` (MutatingPolicy only).
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { celNamespace } from './runtime.js';

/** RFC 6901 escaping of one JSON-pointer segment: `~` → `~0` first, then `/` → `~1`. */
export function escapeKey(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function register(env: Environment): void {
  const ns = celNamespace(env, 'jsonpatch');
  env.registerFunction(`${ns}.escapeKey(string): string`, (_ns: unknown, k: string) => escapeKey(k));
}

/** Kubernetes JSONPatch library: jsonpatch.escapeKey(string). */
export const jsonPatchLibrary: CelLibrary = { name: 'kubernetes.jsonpatch', register };
