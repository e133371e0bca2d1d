// PolicyExceptions of both families as kind table entries: kyverno.io (classic policies, spec §11) and
// policies.kyverno.io (the CEL kinds, kyverno-cel-semantics §2.8).
import { isObject, type JsonObject } from '../json.js';
import { compileException } from '../exceptions/exception.js';
import { compileCelException } from '../cel-policy/cel-exception.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { SourceDocument } from '../source/documents.js';
import type { KindLoad, PolicyKind } from './types.js';

/** The kind table entry of kyverno.io PolicyExceptions (v2, v2beta1). */
export const classicExceptionKind: PolicyKind = {
  name: 'PolicyException (kyverno.io)',
  role: 'exception',
  family: 'classic',
  kinds: [{ group: 'kyverno.io', kind: 'PolicyException' }],
  recognizes: (v) => v.kind === 'PolicyException' && String(v.apiVersion).startsWith('kyverno.io/'),
  load(doc): KindLoad<never> {
    const { exception, problems } = compileException(doc.value as JsonObject, doc);
    if (exception) return { status: 'exception', exception: { family: 'classic', exception } };
    const diagnostics: Diagnostic[] = problems.map((p) => ({
      code: 'exception/invalid',
      severity: 'error',
      message: p.message,
      path: p.path,
      source: doc.locate(p.path),
    }));
    return { status: 'rejected', rejected: rejected(doc, 'classic', diagnostics) };
  },
};

/** The kind table entry of policies.kyverno.io PolicyExceptions. */
export const celExceptionKind: PolicyKind = {
  name: 'PolicyException (policies.kyverno.io)',
  role: 'exception',
  family: 'cel',
  kinds: [{ group: 'policies.kyverno.io', kind: 'PolicyException' }],
  recognizes: (v) => v.kind === 'PolicyException' && String(v.apiVersion).startsWith('policies.kyverno.io/'),
  load(doc): KindLoad<never> {
    const exception = compileCelException(doc);
    if (exception.diagnostics.length > 0)
      return { status: 'rejected', rejected: rejected(doc, 'cel', exception.diagnostics) };
    return { status: 'exception', exception: { family: 'cel', exception } };
  },
};

function rejected(doc: SourceDocument, family: 'classic' | 'cel', diagnostics: readonly Diagnostic[]) {
  const md = isObject(doc.value) && isObject(doc.value.metadata) ? doc.value.metadata : {};
  return { kind: 'PolicyException', name: String(md.name ?? ''), family, role: 'exception' as const, diagnostics };
}
