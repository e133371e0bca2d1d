// Kyverno: kyverno-cel-semantics §5.1 "orValue compatibility" — `x.orValue(d)` returns the
// optional's value or `d`, and returns `x` itself when `x` is an ordinary value. The result is
// statically `dyn`; an error in `x` propagates (the call is strict).
import { Optional, type Environment } from '@marcbachmann/cel-js';
import type { MacroCall, MacroDefinition } from './macro-internals.js';
import { COMPAT_RECEIVER } from './compat-receiver.js';

interface OrValueMacro extends MacroDefinition {
  readonly receiver: MacroCall['receiver'] & object;
  readonly fallback: MacroCall['args'][number];
}

function expandOrValue({ receiver, args }: MacroCall): OrValueMacro {
  if (receiver == null) throw new Error('orValue() needs a receiver');
  return {
    receiver,
    fallback: args[0],
    async: false,
    typeCheck(chk, m, ctx) {
      chk.check(m.receiver, ctx);
      chk.check(m.fallback, ctx);
      return chk.getType('dyn');
    },
    evaluate(ev, m, ctx) {
      const value = ev.run(m.receiver, ctx);
      if (!(value instanceof Optional)) return value;
      return value.hasValue() ? value.value() : ev.run(m.fallback, ctx);
    },
  };
}

/**
 * Registers the compat `orValue`. cel-js picks the most recently registered macro for a method
 * name whatever the receiver type, so this overload (on a private receiver type, to avoid an
 * overlap error with the built-in `optional.orValue`) replaces the built-in for every receiver.
 */
export function registerOrValueCompat(env: Environment): void {
  env.registerFunction(`${COMPAT_RECEIVER}.orValue(ast): dyn`, expandOrValue);
}
