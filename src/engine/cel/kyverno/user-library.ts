// Kyverno `user` library (spec kyverno-cel-semantics §5.5 "user"): service-account usernames.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { namespaceType, registerAliases, registerGlobal } from './register.js';

const PREFIX = 'system:serviceaccount:';

/** `{Name, Namespace}` of `system:serviceaccount:<ns>:<name>`; both empty for any other username. */
export function parseServiceAccount(username: string): { Name: string; Namespace: string } {
  const rest = username.startsWith(PREFIX) ? username.slice(PREFIX.length) : '';
  const colon = rest.indexOf(':');
  if (colon < 0) return { Name: '', Namespace: '' };
  return { Namespace: rest.slice(0, colon), Name: rest.slice(colon + 1) };
}

function register(env: Environment): void {
  const sig = '(string): map<string, string>';
  registerGlobal(env, ['parseServiceAccount'], sig, parseServiceAccount);
  registerAliases(env, namespaceType(env, 'user'), ['parseServiceAccount'], sig, (_: unknown, u: string) =>
    parseServiceAccount(u),
  );
}

/** `parseServiceAccount` / `user.parseServiceAccount` (ValidatingPolicy and MutatingPolicy only). */
export const userLibrary: CelLibrary = { name: 'kyverno.user', register };
