// Kyverno `globalcontext` library (spec kyverno-cel-semantics §5.5 "globalcontext"): `globalContext.Get(name[, projection])`.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import type { JsonValue } from '../../json.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { declareHandle, registerAliases } from './register.js';
import { toCel } from './values.js';

type Lookup = (name: string, projection?: string) => JsonValue | undefined;

/** The value bound to the `globalContext` variable. */
export class GlobalContextHandle {
  constructor(readonly lookup: Lookup | undefined) {}
}

function get(h: GlobalContextHandle, name: string, projection?: string): unknown {
  let data: JsonValue | undefined;
  try {
    data = h.lookup?.(name, projection === '' ? undefined : projection);
  } catch (e) {
    throw new KyvernoCelError(`failed to get global context entry: ${errorMessage(e)}`, { cause: e });
  }
  // Kyverno §5.5: an unknown entry is null (an unknown projection is the service's error).
  return data === undefined ? null : toCel(data, 'double');
}

function register(env: Environment): void {
  declareHandle(env, 'globalContext', 'kyverno.GlobalContext', GlobalContextHandle);
  registerAliases(env, 'kyverno.GlobalContext', ['Get', 'get'], '(string): dyn', get);
  registerAliases(env, 'kyverno.GlobalContext', ['Get', 'get'], '(string, string): dyn', get);
}

/** The `globalContext` variable's library. */
export const globalContextLibrary: CelLibrary = { name: 'kyverno.globalcontext', register };
