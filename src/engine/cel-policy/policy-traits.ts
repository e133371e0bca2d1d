// What drivers read from a loaded CEL policy beyond its compiled expressions: its result key and its actions.
import { isObject } from '../json.js';
import type { CompiledCelPolicyBase } from './types.js';

/** A ValidatingPolicy's `validationActions` value. */
export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** How results name a CEL policy: `namespace/name` for the Namespaced kinds, else the name. */
export function celPolicyKey(p: CompiledCelPolicyBase): string {
  return p.namespace ? `${p.namespace}/${p.name}` : p.name;
}

/** `spec.validationActions`; Kyverno: an empty list means Deny (kyverno-cel-semantics §2.2). */
export function validationActionsOf(p: CompiledCelPolicyBase): ReadonlySet<ValidationAction> {
  const spec = isObject(p.source?.value) && isObject(p.source.value.spec) ? p.source.value.spec : {};
  const listed = (Array.isArray(spec.validationActions) ? spec.validationActions : []).filter(
    (a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit',
  );
  return new Set(listed.length === 0 ? ['Deny'] : listed);
}
