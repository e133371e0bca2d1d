// Recognising the policies.kyverno.io documents (kyverno-cel-semantics §2.1, §3.1, §4.1) and the load checks
// shared by every CEL kind: header fields, strict decoding (unknown fields are fatal) and CEL compile diagnostics.
import { getOwn, isObject, type JsonObject, type JsonValue } from '../json.js';
import type { CelCompileError } from '../cel/compile-error.js';
import type { Diagnostic } from '../result/diagnostic.js';
import { formatJsonPath, type JsonPath } from '../result/location.js';
import type { SourceDocument } from '../source/documents.js';
import type { CelPolicyDocumentKind, CompiledCelPolicyBase } from './types.js';
import { policyDocumentSchema, unknownFields, type FieldSchema } from './field-schema.js';

const GROUP = 'policies.kyverno.io';
const ALL_VERSIONS = ['v1alpha1', 'v1beta1', 'v1'];
const NAMESPACED_VERSIONS = ['v1beta1', 'v1'];

const KINDS: Readonly<Record<CelPolicyDocumentKind, readonly string[]>> = {
  ValidatingPolicy: ALL_VERSIONS,
  NamespacedValidatingPolicy: NAMESPACED_VERSIONS,
  MutatingPolicy: ALL_VERSIONS,
  NamespacedMutatingPolicy: NAMESPACED_VERSIONS,
  GeneratingPolicy: ALL_VERSIONS,
  NamespacedGeneratingPolicy: NAMESPACED_VERSIONS,
};

/** The CEL policy kind of a document, or undefined when its apiVersion/kind is not one of §2.1/§3.1/§4.1. */
export function celPolicyKindOf(value: JsonValue): CelPolicyDocumentKind | undefined {
  if (!isObject(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') return undefined;
  const [group, version] = value.apiVersion.split('/');
  if (group !== GROUP || !Object.hasOwn(KINDS, value.kind)) return undefined;
  const kind = value.kind as CelPolicyDocumentKind;
  return KINDS[kind].includes(version) ? kind : undefined;
}

/** True for the Namespaced* kinds. */
export function isNamespacedKind(kind: CelPolicyDocumentKind): boolean {
  return kind.startsWith('Namespaced');
}

/** Name, namespace, annotations and source of a policy document; `diagnostics` empty. */
export function policyHeader<K extends CelPolicyDocumentKind>(
  doc: SourceDocument,
  kind: K,
): CompiledCelPolicyBase & { readonly kind: K } {
  const md = isObject(doc.value) && isObject(doc.value.metadata) ? doc.value.metadata : {};
  const annotations: Record<string, string> = {};
  if (isObject(md.annotations)) for (const [k, v] of Object.entries(md.annotations)) annotations[k] = String(v ?? '');
  const namespace = isNamespacedKind(kind) && typeof md.namespace === 'string' ? md.namespace : '';
  return { kind, name: String(md.name ?? ''), namespace, source: doc, annotations, diagnostics: [] };
}

/** The document's `spec` (an empty object when absent or not an object). */
export function specOf(doc: SourceDocument): JsonObject {
  const spec = isObject(doc.value) ? getOwn(doc.value, 'spec') : undefined;
  return isObject(spec) ? spec : {};
}

/** A load error at `path` of the document, with file:line, prefixed by the policy name. */
export function loadDiagnostic(doc: SourceDocument, code: string, path: JsonPath, message: string): Diagnostic {
  return { code, severity: 'error', message: `policy ${nameOf(doc)}: ${message}`, path, source: doc.locate(path) };
}

/** Kyverno: §2.1 — strict decoding through the CRD schema; every unknown field is a fatal load error. */
export function unknownFieldDiagnostics(doc: SourceDocument, spec: FieldSchema): Diagnostic[] {
  return unknownFields(doc.value, policyDocumentSchema(spec)).map((path) =>
    loadDiagnostic(
      doc,
      'cel-policy/unknown-field',
      path,
      `strict decoding error: unknown field "${formatJsonPath(path)}"`,
    ),
  );
}

/** A CEL compile error of the expression at `path` (message names the field, the CEL error and its column). */
export function celCompileDiagnostic(doc: SourceDocument, path: JsonPath, error: CelCompileError): Diagnostic {
  const at = error.line !== undefined ? ` (line ${error.line}, column ${error.column ?? 0})` : '';
  return loadDiagnostic(doc, `cel/${error.kind}`, path, `${formatJsonPath(path)}: ${error.message}${at}`);
}

/** The diagnostic code of a policies.kyverno.io document of a kind Tollgate does not evaluate. */
export const UNSUPPORTED_KIND = 'cel-policy/unsupported-kind';

/** The diagnostic of a document whose kind has no compiler here. */
export function unsupportedKindDiagnostic(doc: SourceDocument): Diagnostic {
  const kind = isObject(doc.value) ? String(doc.value.kind ?? '') : '';
  const apiVersion = isObject(doc.value) ? String(doc.value.apiVersion ?? '') : '';
  return loadDiagnostic(doc, UNSUPPORTED_KIND, ['kind'], `unsupported policy kind ${apiVersion} ${kind}`);
}

function nameOf(doc: SourceDocument): string {
  const md = isObject(doc.value) ? doc.value.metadata : undefined;
  return isObject(md) && typeof md.name === 'string' ? md.name : '<unnamed>';
}
