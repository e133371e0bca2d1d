// The kind table: every document kind the engine loads, in the order a stage runs its policies. Adding a kind
// (ValidatingAdmissionPolicy, DeletingPolicy, ImageValidatingPolicy) is adding one entry here.
import type { JsonValue } from '../json.js';
import { isObject } from '../json.js';
import { classicPolicyKind } from './classic-policy.js';
import { generatingPolicyKind, mutatingPolicyKind, validatingPolicyKind } from './cel-policies.js';
import { celExceptionKind, classicExceptionKind } from './exceptions.js';
import { setAsideCelKind } from './set-aside.js';
import type { PolicyKind } from './types.js';

/** Every kind, first match wins: classic policies run before the CEL kinds in each stage (kyverno-cel-semantics §6.2). */
export const POLICY_KINDS: readonly PolicyKind[] = [
  classicPolicyKind,
  mutatingPolicyKind,
  validatingPolicyKind,
  generatingPolicyKind,
  classicExceptionKind,
  celExceptionKind,
  setAsideCelKind,
];

/** The kind table entry that loads a document, with its position; undefined for anything else. */
export function kindOf(value: JsonValue): { kind: PolicyKind; index: number } | undefined {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  const index = POLICY_KINDS.findIndex((k) => k.recognizes(value));
  return index < 0 ? undefined : { kind: POLICY_KINDS[index], index };
}
