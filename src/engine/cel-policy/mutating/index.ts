// MutatingPolicy (kyverno-cel-semantics §3): load once with compileMutatingPolicy, evaluate per request.
export { compileMutatingPolicy } from './compile.js';
export { evaluateMutatingPolicy, type MutatingEvaluationOptions } from './evaluate.js';
export type { ApplySchemaSource } from './apply-configuration.js';
export type { ApplyNode } from './apply-schema.js';
export type { CompiledMutatingPolicy, CompiledMutatingVariant, CompiledMutation } from './types.js';
