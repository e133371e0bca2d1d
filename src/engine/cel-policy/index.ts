// Entry points of the policies.kyverno.io CEL policy kinds for drivers (kyverno test, apply, the webhook).
//
// API:
//   loadCelPolicy(doc: SourceDocument): LoadedCelPolicy — dispatches on `kind`; compile/load problems are
//     Diagnostics (with file:line) in `policy.diagnostics`; never throws.
//   compileCelException(doc: SourceDocument): CompiledCelException — a policies.kyverno.io PolicyException.
//   evaluateValidatingPolicy(policy, req: CelRequest, exceptions): CelPolicyResponse[] — one response per
//     evaluated variant (source first, then autogen variants); the caller applies `scored: "false"`.
//   isCelPolicyDocument(value) — true for the kinds/apiVersions of §2.1 (also Mutating/Generating).
import type { JsonValue } from '../json.js';
import type { SourceDocument } from '../source/documents.js';
import type { CompiledCelPolicyBase } from './types.js';
import { celPolicyKindOf, policyHeader, unsupportedKindDiagnostic } from './load.js';
import { compileValidatingPolicy } from './validating/compile.js';
import type { CompiledValidatingPolicy } from './validating/types.js';

export { compileCelException, type CompiledCelException } from './cel-exception.js';
export { evaluateValidatingPolicy } from './validating/evaluate.js';
export { compileValidatingPolicy } from './validating/compile.js';
export type { CompiledValidatingPolicy } from './validating/types.js';

/** A Mutating/Generating policy kind whose compiler is not wired here yet: carries one error diagnostic. */
export interface UnsupportedCelPolicy extends CompiledCelPolicyBase {
  readonly kind: 'MutatingPolicy' | 'NamespacedMutatingPolicy' | 'GeneratingPolicy' | 'NamespacedGeneratingPolicy';
  readonly unsupported: true;
}

/** Any loaded CEL policy; discriminate on `kind` (and `unsupported` for kinds without a compiler). */
export type LoadedCelPolicy = CompiledValidatingPolicy | UnsupportedCelPolicy;

/** True when the document is one of the policies.kyverno.io policy kinds (§2.1, §3, §4). */
export function isCelPolicyDocument(value: JsonValue): boolean {
  return celPolicyKindOf(value) !== undefined;
}

/** Loads and compiles one CEL policy document (call isCelPolicyDocument first; other documents get a diagnostic). */
export function loadCelPolicy(doc: SourceDocument): LoadedCelPolicy {
  const kind = celPolicyKindOf(doc.value) ?? 'MutatingPolicy';
  if (kind === 'ValidatingPolicy' || kind === 'NamespacedValidatingPolicy') return compileValidatingPolicy(doc);
  return { ...policyHeader(doc, kind), unsupported: true, diagnostics: [unsupportedKindDiagnostic(doc)] };
}
