// Kyverno: spec §0.3 — Kubernetes `resource.Quantity`: parse, compare, print and the arithmetic of spec §6.7.
import { compareScaled, pow10 } from './decimal.js';
import type { Quantity } from './quantity-model.js';

export { QuantityError, type Quantity, type QuantityErrorKind, type QuantityFormat } from './quantity-model.js';
export { parseQuantity } from './quantity-parse.js';
export { formatQuantity } from './quantity-format.js';
export {
  addQuantities,
  divideQuantities,
  divideQuantityByNumber,
  moduloQuantities,
  multiplyQuantity,
  quantityToNumber,
  subtractQuantities,
} from './quantity-arithmetic.js';

/** Exact comparison of two quantities (Kubernetes `Quantity.Cmp`). */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return compareScaled(a.unscaled, a.scale, b.unscaled, b.scale);
}

/** True when the quantity has no fractional part. */
export function isIntegerQuantity(q: Quantity): boolean {
  return q.scale <= 0 || q.unscaled % pow10(q.scale) === 0n;
}
