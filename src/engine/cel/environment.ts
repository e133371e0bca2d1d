// Builds a cel-js Environment with Kyverno's language baseline (kyverno-cel-semantics §5.1,
// §5.2, §5.4); which function libraries go into which kind is decided by the caller.
import { Environment } from '@marcbachmann/cel-js';
import type { CelLibrary } from './library.js';
import { registerCompatReceiver } from './compat-receiver.js';
import { registerOrValueCompat } from './compat-or-value.js';
import { registerRegexCompat } from './compat-regex.js';
import { registerConversionCompat } from './compat-conversions.js';
import { requestSchema } from './request-schema.js';
import { overrideBuiltins } from './builtin-overrides.js';

export type CelPolicyKind = 'validate.cel' | 'ValidatingPolicy' | 'MutatingPolicy' | 'GeneratingPolicy';

export interface CelEnvironmentOptions {
  readonly kind: CelPolicyKind;
  readonly libraries: readonly CelLibrary[];
  /** Extra or overriding variable declarations, name → CEL type (`dyn`, `map<string, dyn>`, …). */
  readonly variables: Readonly<Record<string, string>>;
}

/** A configured environment: compile expressions against it with compileCel. */
export interface CelEnvironment {
  readonly kind: CelPolicyKind;
  readonly env: Environment;
  /** True when a function of that name (any arity) is declared on that receiver type (null: global). */
  isKnownFunction(name: string, receiverType: string | null): boolean;
}

const STANDARD_VARIABLES: Readonly<Record<string, string>> = {
  object: 'dyn',
  oldObject: 'dyn',
  namespaceObject: 'dyn',
  variables: 'dyn',
};

/** Creates the environment of a policy kind with the compat shims, variables and libraries. */
export function createCelEnvironment(opts: CelEnvironmentOptions): CelEnvironment {
  const env = new Environment({
    enableOptionalTypes: true,
    // Kyverno: §5.4 — GeneratingPolicy is the only kind without homogeneous aggregate literals.
    homogeneousAggregateLiterals: opts.kind !== 'GeneratingPolicy',
    unlistedVariablesAreDyn: false,
  });
  registerCompatReceiver(env);
  registerOrValueCompat(env);
  registerRegexCompat(env);
  registerConversionCompat(env);
  overrideBuiltins(env);
  registerVariables(env, opts);
  for (const library of opts.libraries) library.register(env);
  return { kind: opts.kind, env, isKnownFunction: knownFunctionPredicate(env) };
}

function registerVariables(env: Environment, opts: CelEnvironmentOptions): void {
  const declared = { ...STANDARD_VARIABLES, ...opts.variables };
  if (opts.variables.request === undefined) {
    env.registerVariable({ name: 'request', schema: requestSchema(opts.kind !== 'validate.cel') });
  }
  for (const [name, type] of Object.entries(declared)) env.registerVariable(name, type);
}

/** Receiver types are compared by their base (`list<int>` → `list`); `dyn` matches any receiver. */
function knownFunctionPredicate(env: Environment): (name: string, receiverType: string | null) => boolean {
  let receivers: Map<string, Set<string>> | undefined;
  const base = (t: string | null) => (t === null ? '' : t.replace(/<.*$/, ''));
  return (name, receiverType) => {
    receivers ??= collectReceivers(env, base);
    const known = receivers.get(name);
    if (known === undefined) return false;
    const r = base(receiverType);
    return known.has(r) || known.has('dyn') || (r === 'dyn' && receiverType !== null);
  };
}

function collectReceivers(env: Environment, base: (t: string | null) => string): Map<string, Set<string>> {
  const receivers = new Map<string, Set<string>>();
  for (const f of env.getDefinitions().functions) {
    const set = receivers.get(f.name) ?? receivers.set(f.name, new Set()).get(f.name)!;
    set.add(base(f.receiverType));
  }
  return receivers;
}
