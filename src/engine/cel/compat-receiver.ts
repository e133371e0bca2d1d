// A private CEL type used only as the receiver of compat macros (see compat-or-value.ts).
import type { Environment } from '@marcbachmann/cel-js';

export const COMPAT_RECEIVER = 'tollgate.CompatReceiver';

class CompatReceiver {}

/** Declares the private receiver type; must run before any compat macro is registered. */
export function registerCompatReceiver(env: Environment): void {
  env.registerType(COMPAT_RECEIVER, CompatReceiver);
}
