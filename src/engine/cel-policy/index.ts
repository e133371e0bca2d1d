// Entry points of the policies.kyverno.io CEL policy kinds for drivers (kyverno test, apply, the webhook).
//
// API:
//   loadCelPolicy(doc: SourceDocument): LoadedCelPolicy — dispatches on `kind`; compile/load problems are
//     Diagnostics (with file:line) in `policy.diagnostics`; never throws.
//   compileCelException(doc: SourceDocument): CompiledCelException — a policies.kyverno.io PolicyException.
//   evaluateValidatingPolicy(policy, req: CelRequest, exceptions): CelPolicyResponse[] — one response per
//     evaluated variant (source first, then autogen variants); the caller applies `scored: "false"`.
//   evaluateMutatingPolicy(policy, req, exceptions, options?) / evaluateGeneratingPolicy(policy, req, exceptions) —
//     the same shape; MutatingPolicy responses carry `patched`, GeneratingPolicy ones `generated`.
//   isCelPolicyDocument(value) — true for the kinds/apiVersions of §2.1 (also Mutating/Generating).
import type { JsonValue } from '../json.js';
import type { SourceDocument } from '../source/documents.js';
import type { CelPolicyResponse, CelRequest, CompiledCelPolicyBase } from './types.js';
import { evaluateValidatingPolicy } from './validating/evaluate.js';
import { evaluateMutatingPolicy } from './mutating/index.js';
import { evaluateGeneratingPolicy } from './generating/index.js';
import type { CompiledCelException } from './cel-exception.js';
import { celPolicyKindOf, policyHeader, unsupportedKindDiagnostic } from './load.js';
import { compileValidatingPolicy } from './validating/compile.js';
import type { CompiledValidatingPolicy } from './validating/types.js';
import { compileMutatingPolicy, type CompiledMutatingPolicy } from './mutating/index.js';
import { compileGeneratingPolicy, type CompiledGeneratingPolicy } from './generating/index.js';

export { compileCelException, type CompiledCelException } from './cel-exception.js';
export { evaluateValidatingPolicy };
export { compileValidatingPolicy } from './validating/compile.js';
export type { CompiledValidatingPolicy } from './validating/types.js';
export { evaluateMutatingPolicy, compileMutatingPolicy, type CompiledMutatingPolicy };
export {
  evaluateGeneratingPolicy,
  compileGeneratingPolicy,
  type CompiledGeneratingPolicy,
} from './generating/index.js';

/** A document that is not a policies.kyverno.io policy kind: carries one error diagnostic. */
export interface UnsupportedCelPolicy extends CompiledCelPolicyBase {
  readonly unsupported: true;
}

/** Any loaded CEL policy; discriminate on `kind` (`unsupported` marks a document of no known kind). */
export type LoadedCelPolicy =
  CompiledValidatingPolicy | CompiledMutatingPolicy | CompiledGeneratingPolicy | UnsupportedCelPolicy;

/** True when the document is one of the policies.kyverno.io policy kinds (§2.1, §3, §4). */
export function isCelPolicyDocument(value: JsonValue): boolean {
  return celPolicyKindOf(value) !== undefined;
}

/** Loads and compiles one CEL policy document (call isCelPolicyDocument first; other documents get a diagnostic). */
export function loadCelPolicy(doc: SourceDocument): LoadedCelPolicy {
  const kind = celPolicyKindOf(doc.value);
  if (kind === 'ValidatingPolicy' || kind === 'NamespacedValidatingPolicy') return compileValidatingPolicy(doc);
  if (kind === 'MutatingPolicy' || kind === 'NamespacedMutatingPolicy') return compileMutatingPolicy(doc);
  if (kind === 'GeneratingPolicy' || kind === 'NamespacedGeneratingPolicy') return compileGeneratingPolicy(doc);
  return {
    ...policyHeader(doc, 'ValidatingPolicy'),
    unsupported: true,
    diagnostics: [unsupportedKindDiagnostic(doc)],
  };
}

/** Which evaluation stage of kyverno-cel-semantics §6.2 a policy kind belongs to. */
export type CelStage = 'mutating' | 'validating' | 'generating';

/** The stage of a loaded CEL policy. */
export function celStageOf(policy: LoadedCelPolicy): CelStage {
  if (policy.kind.endsWith('MutatingPolicy')) return 'mutating';
  if (policy.kind.endsWith('GeneratingPolicy')) return 'generating';
  return 'validating';
}

/** Evaluate any loaded CEL policy on one request; policies with diagnostics give no response. */
export function evaluateCelPolicy(
  policy: LoadedCelPolicy,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
): CelPolicyResponse[] {
  if (policy.diagnostics.length > 0 || 'unsupported' in policy) return [];
  switch (policy.kind) {
    case 'MutatingPolicy':
    case 'NamespacedMutatingPolicy':
      return evaluateMutatingPolicy(policy, req, exceptions);
    case 'GeneratingPolicy':
    case 'NamespacedGeneratingPolicy':
      return evaluateGeneratingPolicy(policy, req, exceptions);
    default:
      return evaluateValidatingPolicy(policy, req, exceptions);
  }
}
