// The compiled form of a MutatingPolicy (kyverno-cel-semantics §3): every expression compiled once at load time.
import type { CelProgram } from '../../cel/compile.js';
import type { AutogenConfig } from '../autogen.js';
import type { CompiledMatchConditions } from '../conditions.js';
import type { CompiledMatchConstraints } from '../match-constraints.js';
import type { CompiledCelPolicyBase } from '../types.js';
import type { CompiledVariables } from '../variables.js';
import type { TypeNameMismatch } from './type-names.js';

/** One `spec.mutations[]` entry. */
export interface CompiledMutation {
  readonly patchType: 'ApplyConfiguration' | 'JSONPatch';
  readonly program: CelProgram;
  /** ApplyConfiguration only: the first `Object.*` literal named differently from its position (§3.5). */
  readonly typeMismatch?: TypeNameMismatch;
}

/** One `spec.auditAnnotations[]` entry. */
export interface CompiledMutatingAuditAnnotation {
  readonly key: string;
  readonly valueExpression: CelProgram;
}

/** What is evaluated for one resource: the source spec or one of its autogen variants (§3.7). */
export interface CompiledMutatingVariant {
  readonly origin: 'policy' | AutogenConfig;
  /** Absent: never matches. */
  readonly matchConstraints?: CompiledMatchConstraints;
  readonly matchConditions: CompiledMatchConditions;
  readonly variables: CompiledVariables;
  readonly mutations: readonly CompiledMutation[];
  readonly auditAnnotations: readonly CompiledMutatingAuditAnnotation[];
}

/** A loaded MutatingPolicy or NamespacedMutatingPolicy; never evaluated when `diagnostics` is non-empty. */
export interface CompiledMutatingPolicy extends CompiledCelPolicyBase {
  readonly kind: 'MutatingPolicy' | 'NamespacedMutatingPolicy';
  /** `spec.evaluation.useServerSideApply` (§3.5 atomic guard off when true). */
  readonly useServerSideApply: boolean;
  /** Report property `process`: true when `evaluation.background.enabled` is not false. */
  readonly background: boolean;
  /** The source spec first, then autogen variants (empty when diagnostics exist). */
  readonly variants: readonly CompiledMutatingVariant[];
}
