// Load and compile: documents in, a PolicySet out, with one verdict per document for every driver.
import type { SourceDocument } from '../source/documents.js';
import type { Diagnostic } from '../result/diagnostic.js';
import { QueryCache } from '../context/query-cache.js';
import type { CompiledException } from '../exceptions/exception.js';
import type { CompiledCelException } from '../cel-policy/cel-exception.js';
import { kindOf } from '../kinds/table.js';
import { crdDiagnostics } from '../schemas/crd-schema.js';
import { isObject, type JsonObject } from '../json.js';
import type { PolicyEntry, RejectedDocument } from '../kinds/types.js';
import { PolicySet } from './policy-set.js';

/** Compiled JMESPath shared between sets (a test run compiles many small sets). */
export class CompileCache extends QueryCache {}

/** How to load. */
export interface LoadOptions {
  /**
   * Exception documents read apart from the policies (Kyverno CLI's `--exception` files): when given, only these
   * are loaded as exceptions and PolicyExceptions among the policy documents are ignored, as `kyverno apply/test` do.
   */
  readonly exceptions?: readonly SourceDocument[];
  readonly cache?: CompileCache;
}

/** What loading found. */
export interface LoadedPolicies {
  /** Every valid policy and exception, compiled. */
  readonly policySet: PolicySet;
  /** Errors of the documents that did not load, each with file:line; none of them is in the set. */
  readonly diagnostics: readonly Diagnostic[];
  /** The documents that did not load, by identity. */
  readonly rejected: readonly RejectedDocument[];
  /** Warnings: documents or rules set aside (kinds not evaluated yet), exceptions naming no loaded policy. */
  readonly notes: readonly Diagnostic[];
}

function nameOf(doc: SourceDocument): string {
  const md = isObject(doc.value) ? doc.value.metadata : undefined;
  return isObject(md) && typeof md.name === 'string' ? md.name : '';
}

/** The note code of a PolicyException that names a policy the set does not hold. */
export const UNKNOWN_POLICY = 'exception/unknown-policy';

/** Load every policy and exception among `documents` (other documents are ignored); never throws. */
export function loadPolicies(documents: readonly SourceDocument[], options: LoadOptions = {}): LoadedPolicies {
  const ctx = { queries: options.cache ?? new QueryCache() };
  const entries: PolicyEntry[] = [];
  const exceptions: CompiledException[] = [];
  const celExceptions: CompiledCelException[] = [];
  const rejected: RejectedDocument[] = [];
  const notes: Diagnostic[] = [];
  const load = (doc: SourceDocument, roles: 'all' | 'exceptions') => {
    const found = kindOf(doc.value);
    if (!found || (roles === 'exceptions' && found.kind.role !== 'exception')) return;
    // Kyverno's CRD schema first: what its API server would reject is rejected here, in every driver.
    const invalid = crdDiagnostics(doc, `${found.kind.role} ${nameOf(doc)}`);
    if (invalid.length > 0) {
      const { role, family } = found.kind;
      rejected.push({
        kind: String((doc.value as JsonObject).kind),
        name: nameOf(doc),
        family,
        role,
        diagnostics: invalid,
      });
      return;
    }
    const r = found.kind.load(doc, ctx);
    if (r.status === 'policy') {
      entries.push({ ...r.policy, kindIndex: found.index, order: entries.length });
      notes.push(...r.notes);
    } else if (r.status === 'exception') {
      if (r.exception.family === 'classic') exceptions.push(r.exception.exception);
      else celExceptions.push(r.exception.exception);
    } else if (r.status === 'rejected') rejected.push(r.rejected);
    else notes.push(r.note);
  };
  for (const doc of documents) {
    if (options.exceptions && kindOf(doc.value)?.kind.role === 'exception') continue;
    load(doc, 'all');
  }
  for (const doc of options.exceptions ?? []) load(doc, 'exceptions');
  const known = new Set(entries.filter((e) => e.family === 'classic').map((e) => e.key));
  for (const e of exceptions)
    for (const name of e.entries.map((x) => x.policyName))
      if (!known.has(name)) {
        known.add(name); // one note per policy name
        notes.push({
          code: UNKNOWN_POLICY,
          severity: 'warning',
          message: `a PolicyException names policy "${name}", which is not loaded`,
          path: [],
          source: e.source?.pos,
        });
      }
  return {
    policySet: new PolicySet({ entries, exceptions, celExceptions, queries: ctx.queries }),
    diagnostics: rejected.flatMap((r) => r.diagnostics),
    rejected,
    notes,
  };
}
