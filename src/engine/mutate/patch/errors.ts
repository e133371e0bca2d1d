// Kyverno: spec §8.3/§8.4 — errors raised while applying mutate patches.

/** A patch that cannot be applied: wrong node type at a path, bad JSON patch, missing path for replace, … */
export class PatchError extends Error {
  override readonly name = 'PatchError';
}

/** A conditional anchor `(k)` that does not hold (Kyverno's ConditionError); never escapes the patch module. */
export class ConditionFailure extends Error {
  override readonly name = 'ConditionFailure';
  constructor(reason: string) {
    super(`condition failed: ${reason}`);
  }
}

/** A global anchor `<(k)` that does not hold (Kyverno's GlobalConditionError); never escapes the patch module. */
export class GlobalConditionFailure extends Error {
  override readonly name = 'GlobalConditionFailure';
  constructor(reason: string) {
    super(`global condition failed: ${reason}`);
  }
}
