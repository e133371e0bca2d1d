// Kyverno: spec §0.3 — the value model of a Kubernetes `resource.Quantity`.

/** How Kubernetes prints a quantity back: `12Ki` (BinarySI), `12k` (DecimalSI) or `12e3` (DecimalExponent). */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/**
 * An immutable, exact Kubernetes quantity.
 * Its value is `unscaled × 10^-scale`; the scale is kept as Kubernetes keeps it because `divide` depends on it.
 */
export interface Quantity {
  readonly unscaled: bigint;
  /** Digits after the decimal point (negative for multiples of powers of ten), like `inf.Dec.Scale()`. */
  readonly scale: number;
  readonly format: QuantityFormat;
  /** The parsed text, kept when Kubernetes considers it canonical and prints it back verbatim. */
  readonly text?: string;
}

/** Builds a frozen Quantity. */
export function makeQuantity(unscaled: bigint, scale: number, format: QuantityFormat, text?: string): Quantity {
  const q: Quantity = text === undefined ? { unscaled, scale, format } : { unscaled, scale, format, text };
  return Object.freeze(q);
}

/** Why a quantity operation failed, so callers can word Kyverno's error. */
export type QuantityErrorKind = 'zeroDivision' | 'nonInteger' | 'invalidOperand';

/** Thrown by quantity arithmetic that Kyverno rejects (division by zero, non-integer modulo, non-finite operand). */
export class QuantityError extends Error {
  constructor(
    readonly kind: QuantityErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'QuantityError';
  }
}
