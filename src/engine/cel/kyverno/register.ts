// Registration helpers shared by the Kyverno libraries (cel-js Environment API).
import type { Environment } from '@marcbachmann/cel-js';

type Handler = (...args: any[]) => unknown;

/** Registers `sig` under every name, e.g. both `Get` and `get` (Kyverno §5.4: PascalCase + camelCase aliases). */
export function registerAliases(
  env: Environment,
  receiver: string,
  names: readonly string[],
  sig: string,
  fn: Handler,
): void {
  for (const name of names) env.registerFunction(`${receiver}.${name}${sig}`, fn);
}

/** Registers a global function under several names (`sha256` and `hash.sha256` are registered separately). */
export function registerGlobal(env: Environment, names: readonly string[], sig: string, fn: Handler): void {
  for (const name of names) env.registerFunction(`${name}${sig}`, fn);
}

/** Registers a custom type unless an earlier library already did (e.g. the cluster and namespaced resource libraries). */
export function ensureType(env: Environment, name: string, ctor: new (...args: any[]) => object): void {
  try {
    env.registerType(name, ctor);
  } catch (e) {
    if (!(e instanceof Error && e.message.includes('already registered'))) throw e;
  }
}

/**
 * The receiver type of a function namespace such as `hash` or `math`: an existing variable's type when
 * another library (e.g. cel-go ext.Math) declared the namespace first, else a new constant of a new type.
 */
export function namespaceType(env: Environment, name: string): string {
  const existing = env.getDefinitions().variables.find((v) => v.name === name);
  if (existing) return existing.type;
  const typeName = `kyverno.${name}Namespace`;
  const ctor = class {};
  env.registerType(typeName, ctor);
  env.registerConstant(name, typeName, new ctor());
  return typeName;
}

/** Declares a per-evaluation handle variable (value supplied by kyvernoHandles) unless already declared. */
export function declareHandle(
  env: Environment,
  name: string,
  typeName: string,
  ctor: new (...args: any[]) => object,
): void {
  ensureType(env, typeName, ctor);
  if (!env.hasVariable(name)) env.registerVariable(name, typeName);
}
