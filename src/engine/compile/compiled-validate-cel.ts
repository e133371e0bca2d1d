// The compiled form of a `validate.cel` rule (kyverno-cel-semantics §1): every CEL program built once at load.
import type { CelProgram } from '../cel/compile.js';
import type { CompiledSelector } from '../match/label-selector.js';

/** One CEL expression as written, with its program, or the compile error Kyverno would report at evaluation. */
export interface CompiledCelExpression {
  /** The expression as written in the policy. */
  readonly source: string;
  readonly program?: CelProgram;
  /** `compilation error: …` when the expression did not compile (set exactly when `program` is not). */
  readonly error?: string;
}

/** One `validate.cel.expressions[i]` entry. */
export interface CompiledCelValidation {
  readonly expression: CompiledCelExpression;
  /** `message`, already defaulted to `validate.message` (§1.4); may be ''. */
  readonly message: string;
  readonly messageExpression?: CompiledCelExpression;
  readonly reason?: string;
}

/** One `celPreconditions[i]` entry (a Kubernetes match condition). */
export interface CompiledCelPrecondition {
  readonly name: string;
  readonly expression: CompiledCelExpression;
}

/** `paramKind` + `paramRef` (§1.6); present only when both are set. */
export interface CelParamSource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** `paramRef.selector` (a LabelSelector), compiled; used when no name is given. */
  readonly selector?: CompiledSelector;
  /** True for `parameterNotFoundAction: Deny`. */
  readonly denyWhenMissing: boolean;
}

/** Everything a `validate.cel` rule evaluates. */
export interface CompiledValidateCel {
  readonly preconditions: readonly CompiledCelPrecondition[];
  /** `cel.variables` by name, in declaration order; evaluated lazily. */
  readonly variables: ReadonlyMap<string, CelProgram>;
  readonly validations: readonly CompiledCelValidation[];
  /** Compiled for load-time checking only: audit annotations never change a result (§1.5). */
  readonly auditAnnotations: readonly { readonly key: string; readonly value: CompiledCelExpression }[];
  readonly params?: CelParamSource;
  /** The policy's status says a ValidatingAdmissionPolicy was generated: the rule gives no response (§1.2). */
  readonly vapGenerated: boolean;
}
