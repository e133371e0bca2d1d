// Kyverno `generator` library (spec kyverno-cel-semantics §4.4): `generator.Apply(namespace, objects)`.
import type { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../library.js';
import { isObject, type JsonObject } from '../../json.js';
import type { KyvernoCelServices } from './services.js';
import { KyvernoCelError, errorMessage } from './errors.js';
import { declareHandle, registerAliases } from './register.js';
import { celToObject } from './values.js';

type Sink = KyvernoCelServices['generator'];

/** The value bound to the `generator` variable (GeneratingPolicy only). */
export class GeneratorHandle {
  constructor(readonly sink: Sink) {}
}

/** Sets (or, for `""`, removes) metadata.namespace like unstructured.SetNamespace. */
function withNamespace(obj: JsonObject, namespace: string): JsonObject {
  const metadata: JsonObject = isObject(obj.metadata) ? { ...obj.metadata } : {};
  if (namespace === '') delete metadata.namespace;
  else metadata.namespace = namespace;
  return { ...obj, metadata };
}

/** The objects one element stands for: a list object's items, else the element itself. */
export function expandGenerated(element: JsonObject, namespace: string): JsonObject[] {
  const items = element.items;
  if (!Array.isArray(items)) return [withNamespace(element, namespace)];
  return items.map((item, i) => {
    if (!isObject(item)) throw new KyvernoCelError(`items[${i}] is not an object`);
    return withNamespace(item, namespace);
  });
}

function apply(h: GeneratorHandle, namespace: string, elements: unknown[]): boolean {
  if (!h.sink) throw new KyvernoCelError('failed to generate resources: generator not available');
  const objects = elements.flatMap((e, i) => expandGenerated(celToObject(e, `resources[${i}]`), namespace));
  try {
    h.sink.apply(namespace, objects);
  } catch (e) {
    throw new KyvernoCelError(`failed to generate resources: ${errorMessage(e)}`, { cause: e });
  }
  return true;
}

function register(env: Environment): void {
  declareHandle(env, 'generator', 'kyverno.Generator', GeneratorHandle);
  registerAliases(env, 'kyverno.Generator', ['Apply', 'apply'], '(string, list<dyn>): bool', apply);
}

/** The `generator` variable's library. */
export const generatorLibrary: CelLibrary = { name: 'kyverno.generator', register };
