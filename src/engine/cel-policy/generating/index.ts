// GeneratingPolicy (kyverno-cel-semantics §4): load once with compileGeneratingPolicy, evaluate per request.
export { compileGeneratingPolicy } from './compile.js';
export { evaluateGeneratingPolicy } from './evaluate.js';
export type { CompiledGenerate, CompiledGeneratingPolicy } from './types.js';
