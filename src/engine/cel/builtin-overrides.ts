// Replaces cel-js built-in overloads whose behaviour differs from cel-go (kyverno-cel-semantics §5.3).
// cel-js 8.0.0 has no API to replace or remove an overload (registering the same signature is an
// "overlapping overload" error), so this reaches into the environment's own function registry.
// The internals used are pinned to the exact cel-js version by builtin-overrides.test.ts.
import type { Environment } from '@marcbachmann/cel-js';
import { stringBuiltinOverrides, type OverloadHandler } from './lib/strings.js';
import { conversionBuiltinOverrides } from './conversion-overrides.js';

/** Raised when cel-js no longer has the shape or the overload this module replaces. */
export class BuiltinOverrideError extends Error {
  override readonly name = 'BuiltinOverrideError';
}

/** cel-js's FunctionDeclaration, the fields its constructor takes back. */
interface FunctionDeclaration {
  readonly signature: string;
  readonly name: string;
  readonly receiverType: unknown;
  readonly returnType: unknown;
  readonly description: string | null;
  readonly params: unknown[];
  readonly async: boolean;
}

type DeclarationClass = new (
  init: Omit<FunctionDeclaration, 'signature'> & { handler: OverloadHandler },
) => FunctionDeclaration;

/** The slice of cel-js's Registry used here: the overload list one call site dispatches over. */
interface FunctionRegistry {
  functionCandidates(receiverCall: boolean, name: string, argCount: number): { declarations: FunctionDeclaration[] };
}

/** Every override, by cel-js signature (`string.indexOf(string, int): int`). */
export const BUILTIN_OVERRIDES: Readonly<Record<string, OverloadHandler>> = {
  ...stringBuiltinOverrides,
  ...conversionBuiltinOverrides,
};

const PROBE = 'tollgateRegistryProbe';

/** Replaces the built-in overloads of `env` (only this environment) with `overrides`; throws BuiltinOverrideError. */
export function overrideBuiltins(env: Environment, overrides = BUILTIN_OVERRIDES): void {
  const registry = environmentRegistry(env);
  for (const [signature, handler] of Object.entries(overrides)) replaceOverload(registry, signature, handler);
}

// cel-js calls a function handler with the evaluator as `this`, and the evaluator holds the
// environment's registry: one probe call reveals it. Registering the probe also gives the
// environment its own overload lists (until then they are shared with cel-js's global registry).
function environmentRegistry(env: Environment): FunctionRegistry {
  let registry: FunctionRegistry | undefined;
  env.registerFunction(
    `${PROBE}(): bool`,
    function (this: { registry?: FunctionRegistry }) {
      registry = this.registry;
      return true;
    },
    { async: false },
  );
  env.evaluate(`${PROBE}()`);
  if (typeof registry?.functionCandidates !== 'function') {
    throw new BuiltinOverrideError('cel-js evaluator does not expose its registry (cel-js changed?)');
  }
  // Policies must not be able to call the probe.
  registry.functionCandidates(false, PROBE, 0).declarations.length = 0;
  return registry;
}

function replaceOverload(registry: FunctionRegistry, signature: string, handler: OverloadHandler): void {
  const m = /^(?:([\w<>]+)\.)?(\w+)\(([^)]*)\)/.exec(signature);
  if (m === null) throw new BuiltinOverrideError(`invalid signature '${signature}'`);
  const argCount = m[3].trim() === '' ? 0 : m[3].split(',').length;
  const { declarations } = registry.functionCandidates(m[1] !== undefined, m[2], argCount);
  const i = declarations.findIndex((d) => d.signature === signature);
  if (i < 0) throw new BuiltinOverrideError(`cel-js has no built-in '${signature}' to override (cel-js changed?)`);
  const old = declarations[i];
  const Declaration = old.constructor as DeclarationClass;
  // The replacements are synchronous, like the built-ins (cel-js assumes async when not told).
  const { name, receiverType, returnType, description, params } = old;
  const replacement = new Declaration({ name, receiverType, returnType, description, params, handler, async: false });
  if (replacement.signature !== signature) {
    throw new BuiltinOverrideError(`replacing '${signature}' gave '${replacement.signature}' (cel-js changed?)`);
  }
  declarations[i] = replacement;
}
