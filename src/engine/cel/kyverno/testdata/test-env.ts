// Shared by this folder's tests: a plain cel-js Environment with Kyverno libraries and handles.
import { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from '../../library.js';
import { kyvernoHandles } from '../handles.js';
import type { KyvernoCelServices } from '../services.js';
import { fromCel } from '../values.js';
import { kyvernoLibraries } from '../index.js';

/** An environment with the named Kyverno libraries (default: all cluster-wide ones) and a dyn `object`. */
export function kyvernoTestEnv(names?: readonly string[]): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  const selected = names ?? Object.keys(kyvernoLibraries).filter((n) => n !== 'resourceNamespaced');
  for (const name of selected) (kyvernoLibraries[name] as CelLibrary).register(env);
  env.registerVariable('object', 'dyn');
  return env;
}

/** Outcome of one evaluation: the JSON form of the value, or the error message. */
export type Outcome = { value: unknown } | { error: string };

/** Evaluates `expr` with the handles of `services` (and `object`) in the activation. */
export function evaluateKyverno(
  env: Environment,
  expr: string,
  services: KyvernoCelServices,
  extra: { object?: unknown; policyNamespace?: string } = {},
): Outcome {
  try {
    const activation = { ...kyvernoHandles(services, extra.policyNamespace), object: extra.object ?? null };
    return { value: fromCel(env.evaluate(expr, activation)) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
