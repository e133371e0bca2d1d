// The function table: go-jmespath's standard functions plus Kyverno's 51 (spec §6.4, §6.7).
import { ARITHMETIC_FUNCTIONS } from './arithmetic.js';
import { DATA_FUNCTIONS } from './data.js';
import { MATCHING_FUNCTIONS } from './matching.js';
import { RANDOM_FUNCTIONS } from './random.js';
import { STANDARD_FUNCTIONS } from './standard.js';
import { STRING_FUNCTIONS } from './strings.js';
import { TIME_FUNCTIONS } from './time.js';
import type { FunctionSpec } from './types.js';
import { X509_FUNCTIONS } from './x509.js';

/** Kyverno's functions; its `sum` replaces the standard one. */
export const KYVERNO_FUNCTIONS: readonly FunctionSpec[] = [
  ...STRING_FUNCTIONS,
  ...MATCHING_FUNCTIONS,
  ...DATA_FUNCTIONS,
  ...ARITHMETIC_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...RANDOM_FUNCTIONS,
  ...X509_FUNCTIONS,
];

/** Every callable function by name (later entries win, so Kyverno's override the standard ones). */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [...STANDARD_FUNCTIONS, ...KYVERNO_FUNCTIONS].map((f) => [f.name, f]),
);
