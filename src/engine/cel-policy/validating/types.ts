// The compiled form of a ValidatingPolicy (kyverno-cel-semantics §2): every expression compiled once at load time.
import type { CelProgram } from '../../cel/compile.js';
import type { CompiledCelPolicyBase } from '../types.js';
import type { CompiledMatchConditions } from '../conditions.js';
import type { CompiledMatchConstraints } from '../match-constraints.js';
import type { CompiledVariables } from '../variables.js';

/** One `spec.validations[]` entry. */
export interface CompiledValidation {
  readonly expression: CelProgram;
  readonly message: string;
  readonly messageExpression?: CelProgram;
}

/** One `spec.auditAnnotations[]` entry. */
export interface CompiledAuditAnnotation {
  readonly key: string;
  readonly valueExpression: CelProgram;
}

/** What is evaluated for one resource: the source policy's spec, or one of its autogen variants (§2.9). */
export interface CompiledValidatingVariant {
  /** 'policy' for the source spec, else the autogen configuration that derived it. */
  readonly origin: 'policy' | 'defaults' | 'cronjobs';
  /** Absent in JSON mode (§2.10). */
  readonly matchConstraints?: CompiledMatchConstraints;
  readonly matchConditions: CompiledMatchConditions;
  readonly variables: CompiledVariables;
  readonly validations: readonly CompiledValidation[];
  readonly auditAnnotations: readonly CompiledAuditAnnotation[];
}

/** A loaded ValidatingPolicy or NamespacedValidatingPolicy; never evaluated when `diagnostics` is non-empty. */
export interface CompiledValidatingPolicy extends CompiledCelPolicyBase {
  readonly kind: 'ValidatingPolicy' | 'NamespacedValidatingPolicy';
  readonly mode: 'Kubernetes' | 'JSON';
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** Report property `process` (§2.2): true when `evaluation.background.enabled` is not false. */
  readonly background: boolean;
  /** The source spec first, then autogen variants (empty when diagnostics exist). */
  readonly variants: readonly CompiledValidatingVariant[];
}
