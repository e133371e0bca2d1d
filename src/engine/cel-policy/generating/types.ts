// The compiled form of a GeneratingPolicy (kyverno-cel-semantics §4): every expression compiled once at load time.
import type { CelProgram } from '../../cel/compile.js';
import type { CompiledMatchConditions } from '../conditions.js';
import type { CompiledMatchConstraints } from '../match-constraints.js';
import type { CompiledCelPolicyBase } from '../types.js';
import type { CompiledVariables } from '../variables.js';
import type { AuditAnnotationProgram } from '../mutating/audit-annotations.js';
import type { TemplateNode } from './template.js';

/** One `spec.generate[]` entry: a bool expression run for its side effects, or a template. */
export type CompiledGenerate =
  | { readonly kind: 'expression'; readonly program: CelProgram }
  | { readonly kind: 'template'; readonly documents: readonly TemplateNode[] };

/** A loaded GeneratingPolicy or NamespacedGeneratingPolicy; never evaluated when `diagnostics` is non-empty. */
export interface CompiledGeneratingPolicy extends CompiledCelPolicyBase {
  readonly kind: 'GeneratingPolicy' | 'NamespacedGeneratingPolicy';
  /** Absent: never matches (§4.3). */
  readonly matchConstraints?: CompiledMatchConstraints;
  readonly matchConditions: CompiledMatchConditions;
  readonly variables: CompiledVariables;
  readonly generate: readonly CompiledGenerate[];
  readonly auditAnnotations: readonly AuditAnnotationProgram[];
}
