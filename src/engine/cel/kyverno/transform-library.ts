// Kyverno `transform` library (spec kyverno-cel-semantics §5.5 "transform"): `listObjToMap`.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { KyvernoCelError } from './errors.js';
import { namespaceType, registerAliases, registerGlobal } from './register.js';

function field(entry: unknown, name: string, list: string, index: number): unknown {
  if (entry instanceof Map) return entry.get(name);
  if (entry === null || typeof entry !== 'object' || !Object.hasOwn(entry, name)) {
    throw new KyvernoCelError(`${list}[${index}] has no field ${name}`);
  }
  return (entry as Record<string, unknown>)[name];
}

/** Maps `keys[i][keyField]` (a string) to `values[i][valueField]` for every index. */
export function listObjToMap(keys: unknown[], values: unknown[], keyField: string, valueField: string): unknown {
  if (keys.length !== values.length) {
    throw new KyvernoCelError(`listObjToMap: lists differ in length (${keys.length} and ${values.length})`);
  }
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const key = field(k, keyField, 'keys', i);
    if (typeof key !== 'string') throw new KyvernoCelError(`listObjToMap: keys[${i}].${keyField} is not a string`);
    out[key] = field(values[i], valueField, 'values', i);
  });
  return out;
}

function register(env: Environment): void {
  const sig = '(list<dyn>, list<dyn>, string, string): map<string, dyn>';
  registerGlobal(env, ['listObjToMap'], sig, listObjToMap);
  registerAliases(env, namespaceType(env, 'transform'), ['listObjToMap'], sig, (_: unknown, ...a: unknown[]) =>
    listObjToMap(...(a as Parameters<typeof listObjToMap>)),
  );
}

/** `listObjToMap` / `transform.listObjToMap`. */
export const transformLibrary: CelLibrary = { name: 'kyverno.transform', register };
