// Kyverno: kyverno-cel-semantics §3.3–§3.5 — problems applying a MutatingPolicy mutation (all map to `error`).

/** A mutation that cannot be applied: type-name mismatch, missing schema, atomic guard, bad patch value. */
export class MutationError extends Error {
  override readonly name = 'MutationError';
}
