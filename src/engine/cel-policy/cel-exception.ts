// Kyverno: kyverno-cel-semantics §2.8 — policies.kyverno.io PolicyExceptions for the CEL policy kinds: loading,
// which exceptions apply to a policy and a request, full exemption vs partial data (`exceptions` variable).
//
// API: compileCelException(doc) at load (diagnostics for compile errors);
//      applyCelExceptions(exceptions, policyRef, activation, failurePolicy) → exempt | error | partial.
import { isObject, type JsonValue } from '../json.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { SourceDocument } from '../source/documents.js';
import { celEnvironmentFor } from '../cel/environments.js';
import { compileMatchConditions, evaluateMatchConditions, type CompiledMatchConditions } from './conditions.js';
import { celCompileDiagnostic, loadDiagnostic, specOf } from './load.js';
import type { ExceptionsVariable } from './activation.js';

const PRIORITY_LABEL = 'polex.kyverno.io/priority';

/** A loaded CEL PolicyException; not applied when `diagnostics` is non-empty. */
export interface CompiledCelException {
  readonly name: string;
  readonly namespace: string;
  readonly policyRefs: readonly { readonly name: string; readonly kind: string }[];
  readonly matchConditions: CompiledMatchConditions;
  readonly images: readonly string[];
  readonly allowedValues: readonly string[];
  readonly reportResult: 'skip' | 'pass';
  /** `polex.kyverno.io/priority` as a number (0 when absent or not numeric). */
  readonly priority: number;
  readonly source?: SourceDocument;
  readonly diagnostics: readonly Diagnostic[];
}

/** How exceptions affect one evaluation. */
export type ExceptionsOutcome =
  | { readonly kind: 'exempt'; readonly names: readonly string[]; readonly reportResult: 'skip' | 'pass' }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'partial'; readonly variable: ExceptionsVariable };

/** True for a policies.kyverno.io PolicyException document (any of v1alpha1, v1beta1, v1). */
export function isCelExceptionDocument(value: JsonValue): boolean {
  if (!isObject(value) || value.kind !== 'PolicyException' || typeof value.apiVersion !== 'string') return false;
  return ['policies.kyverno.io/v1alpha1', 'policies.kyverno.io/v1beta1', 'policies.kyverno.io/v1'].includes(
    value.apiVersion,
  );
}

const strings = (v: JsonValue | undefined) => (Array.isArray(v) ? v.map((s) => String(s ?? '')) : []);

/** Loads a CEL PolicyException and compiles its matchConditions once. */
export function compileCelException(doc: SourceDocument): CompiledCelException {
  const md = isObject(doc.value) && isObject(doc.value.metadata) ? doc.value.metadata : {};
  const labels = isObject(md.labels) ? md.labels : {};
  const spec = specOf(doc);
  const env = celEnvironmentFor('ValidatingPolicy');
  const { conditions, errors } = compileMatchConditions(
    env,
    spec.matchConditions,
    ['spec', 'matchConditions'],
    undefined,
  );
  const diagnostics = errors.map((e) => celCompileDiagnostic(doc, e.path, e.error));
  if (!isCelExceptionDocument(doc.value)) {
    diagnostics.push(loadDiagnostic(doc, 'cel-exception/kind', ['kind'], 'not a policies.kyverno.io PolicyException'));
  }
  const priority = Number(labels[PRIORITY_LABEL]);
  return {
    name: String(md.name ?? ''),
    namespace: typeof md.namespace === 'string' ? md.namespace : '',
    policyRefs: (Array.isArray(spec.policyRefs) ? spec.policyRefs : [])
      .filter(isObject)
      .map((r) => ({ name: String(r.name ?? ''), kind: String(r.kind ?? '') })),
    matchConditions: conditions,
    images: strings(spec.images),
    allowedValues: strings(spec.allowedValues),
    reportResult: spec.reportResult === 'pass' ? 'pass' : 'skip',
    priority: Number.isFinite(priority) ? priority : 0,
    source: doc,
    diagnostics,
  };
}

/** `namespace/name`, or `name` for an exception without namespace. */
export function exceptionKey(e: CompiledCelException): string {
  return e.namespace ? `${e.namespace}/${e.name}` : e.name;
}

/** Evaluates the exceptions referring to `policy` in order (§2.8); condition errors follow `failurePolicy`. */
export function applyCelExceptions(
  exceptions: readonly CompiledCelException[],
  policy: { readonly kind: string; readonly name: string },
  activation: Readonly<Record<string, unknown>>,
  failurePolicy: 'Fail' | 'Ignore',
): ExceptionsOutcome {
  const full: CompiledCelException[] = [];
  const allowedImages: string[] = [];
  const allowedValues: string[] = [];
  for (const e of exceptions) {
    if (e.diagnostics.length > 0 || !e.policyRefs.some((r) => r.name === policy.name && r.kind === policy.kind))
      continue;
    const outcome = evaluateMatchConditions(e.matchConditions, activation);
    if (outcome.error !== undefined && failurePolicy === 'Fail' && full.length === 0) {
      return { kind: 'error', error: outcome.error };
    }
    if (!outcome.matched) continue;
    if (e.images.length === 0 && e.allowedValues.length === 0) full.push(e);
    allowedImages.push(...e.images);
    allowedValues.push(...e.allowedValues);
  }
  if (full.length > 0)
    return { kind: 'exempt', names: full.map(exceptionKey), reportResult: highest(full).reportResult };
  return { kind: 'partial', variable: { allowedImages, allowedValues } };
}

// The highest priority wins; the first one among equals (also when none has a priority).
function highest(list: readonly CompiledCelException[]): CompiledCelException {
  return list.reduce((best, e) => (e.priority > best.priority ? e : best));
}
