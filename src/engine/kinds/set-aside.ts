// policies.kyverno.io kinds Tollgate recognises but does not evaluate (ImageValidatingPolicy, DeletingPolicy, or a
// known kind at an unknown version): loading sets them aside with a note naming file:line, never silently.
import { isCelPolicyDocument } from '../policy/policy.js';
import { unsupportedKindDiagnostic } from '../cel-policy/load.js';
import type { KindLoad, PolicyKind } from './types.js';

/** The kind table entry that notes the CEL policy kinds no other entry loads; it must come after them. */
export const setAsideCelKind: PolicyKind = {
  name: 'ImageValidatingPolicy/DeletingPolicy (policies.kyverno.io, not evaluated)',
  role: 'policy',
  family: 'cel',
  kinds: [],
  recognizes: isCelPolicyDocument,
  load(doc): KindLoad<never> {
    const d = unsupportedKindDiagnostic(doc);
    return { status: 'set-aside', note: { ...d, severity: 'warning', message: `${d.message}; not evaluated` } };
  },
};
