// Kyverno: spec §5.3 "Quantity" — the Kubernetes quantity library over the engine's Quantity primitives.
import type { Environment } from '@marcbachmann/cel-js';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  isIntegerQuantity,
  parseQuantity,
  quantityToNumber,
  subtractQuantities,
  type Quantity,
} from '../../primitives/quantity.js';
import { makeQuantity } from '../../primitives/quantity-model.js';
import type { CelLibrary } from '../library.js';
import { CelOpaque, celError } from './runtime.js';

const QUANTITY_TYPE = 'kubernetes.Quantity';
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** A CEL Quantity value; `==` compares amounts (`quantity("1") == quantity("1000m")`). */
export class QuantityValue extends CelOpaque {
  constructor(readonly quantity: Quantity) {
    super();
  }

  override celEquals(other: CelOpaque): boolean {
    return other instanceof QuantityValue && compareQuantities(this.quantity, other.quantity) === 0;
  }

  /** Kubernetes' canonical text, for debugging and error messages. */
  override toString(): string {
    return formatQuantity(this.quantity);
  }
}

/** `quantity(s)`: a Kubernetes quantity, or an error with Kubernetes' parse message. */
export function toQuantity(s: string): QuantityValue {
  const q = parseQuantity(s);
  if (q === undefined)
    throw celError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  return new QuantityValue(q);
}

/** Kubernetes `AsInt64`: the integer value when whole and within int64. */
function asInt64(q: Quantity): bigint | undefined {
  if (!isIntegerQuantity(q)) return undefined;
  const v = q.scale <= 0 ? q.unscaled * 10n ** BigInt(-q.scale) : q.unscaled / 10n ** BigInt(q.scale);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** `q.asInteger()`: an error when fractional or beyond int64. */
export function asInteger(v: QuantityValue): bigint {
  const n = asInt64(v.quantity);
  if (n === undefined) throw celError('cannot convert value to integer');
  return n;
}

/** An int operand of add/sub as Kubernetes builds it: `NewQuantity(n, DecimalExponent)`. */
function intQuantity(n: bigint): Quantity {
  return makeQuantity(n, 0, 'DecimalExponent');
}

function sign(v: QuantityValue): bigint {
  const u = v.quantity.unscaled;
  return u > 0n ? 1n : u < 0n ? -1n : 0n;
}

function register(env: Environment): void {
  const Q = QUANTITY_TYPE;
  const cmp = (a: QuantityValue, b: QuantityValue) => compareQuantities(a.quantity, b.quantity);
  env.registerType(Q, QuantityValue);
  env.registerOperator(`${Q} == ${Q}`, (a: QuantityValue, b: QuantityValue) => a.celEquals(b));
  env.registerFunction(`quantity(string): ${Q}`, toQuantity);
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined);
  env.registerFunction(`${Q}.sign(): int`, sign);
  env.registerFunction(`${Q}.isInteger(): bool`, (v: QuantityValue) => asInt64(v.quantity) !== undefined);
  env.registerFunction(`${Q}.asInteger(): int`, asInteger);
  env.registerFunction(`${Q}.asApproximateFloat(): double`, (v: QuantityValue) => quantityToNumber(v.quantity));
  env.registerFunction(
    `${Q}.add(${Q}): ${Q}`,
    (a: QuantityValue, b: QuantityValue) => new QuantityValue(addQuantities(a.quantity, b.quantity)),
  );
  env.registerFunction(
    `${Q}.add(int): ${Q}`,
    (a: QuantityValue, n: bigint) => new QuantityValue(addQuantities(a.quantity, intQuantity(n))),
  );
  env.registerFunction(
    `${Q}.sub(${Q}): ${Q}`,
    (a: QuantityValue, b: QuantityValue) => new QuantityValue(subtractQuantities(a.quantity, b.quantity)),
  );
  env.registerFunction(
    `${Q}.sub(int): ${Q}`,
    (a: QuantityValue, n: bigint) => new QuantityValue(subtractQuantities(a.quantity, intQuantity(n))),
  );
  env.registerFunction(`${Q}.isLessThan(${Q}): bool`, (a: QuantityValue, b: QuantityValue) => cmp(a, b) < 0);
  env.registerFunction(`${Q}.isGreaterThan(${Q}): bool`, (a: QuantityValue, b: QuantityValue) => cmp(a, b) > 0);
  env.registerFunction(`${Q}.compareTo(${Q}): int`, (a: QuantityValue, b: QuantityValue) => BigInt(cmp(a, b)));
}

/** Kubernetes quantity library: quantity(), isQuantity() and the Quantity methods. */
export const quantityLibrary: CelLibrary = { name: 'kubernetes.quantity', register };
