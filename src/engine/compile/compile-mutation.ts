// Kyverno: spec §8.5, §8.6 — a mutate rule's foreach entries (list, order, preconditions, nesting, patches) and its
// targets (what finds them, their context and preconditions), compiled once.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { compileConditions } from '../conditions/conditions.js';
import { compileContextEntries } from '../context/entries.js';
import { patchDocumentOf } from '../evaluate/mutate/apply-patch.js';
import type { CompiledMutateForeach, CompiledMutateTarget } from './compiled-rule.js';

/** The entries of a `foreach` list as written (entries that are not maps are left out, as at evaluation). */
export function compileMutateForeach(entries: readonly JsonValue[]): readonly CompiledMutateForeach[] {
  return entries.filter(isObject).map(compileEntry);
}

function compileEntry(fe: JsonObject): CompiledMutateForeach {
  return {
    list: String(fe.list ?? ''),
    descending: (fe.order ?? (fe.patchStrategicMerge !== undefined ? 'Descending' : 'Ascending')) === 'Descending',
    context: compileContextEntries(fe.context),
    // A block that is not a list or map still fails when an element is evaluated (compileConditions keeps it so).
    preconditions: compileConditions(fe.preconditions as never),
    foreach: Array.isArray(fe.foreach) ? compileMutateForeach(fe.foreach) : undefined,
    patches: patchDocumentOf(fe),
  };
}

/** The entries of a `targets` list as written (entries that are not maps are left out, as at evaluation). */
export function compileMutateTargets(targets: readonly JsonValue[]): readonly CompiledMutateTarget[] {
  return targets.filter(isObject).map(compileTarget);
}

function compileTarget(spec: JsonObject): CompiledMutateTarget {
  const { context, preconditions, ...lookup } = spec;
  return {
    lookup,
    context: compileContextEntries(context),
    preconditions: compileConditions(preconditions as never),
  };
}
