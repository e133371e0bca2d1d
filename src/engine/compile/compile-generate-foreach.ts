// Kyverno: spec §9 — a generate rule's foreach entries compiled once: list, context, preconditions, what they generate.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { compileConditions } from '../conditions/conditions.js';
import { compileContextEntries } from '../context/entries.js';
import type { CompiledGenerateForeach } from './compiled-rule.js';

/** The entries of a generate `foreach` list as written (entries that are not maps are left out, as at evaluation). */
export function compileGenerateForeach(entries: readonly JsonValue[]): readonly CompiledGenerateForeach[] {
  return entries.filter(isObject).map(compileEntry);
}

function compileEntry(fe: JsonObject): CompiledGenerateForeach {
  const { list, preconditions, context, ...body } = fe;
  return {
    list: String(list ?? ''),
    context: compileContextEntries(context),
    // A block that is not a list or map still fails when an element is evaluated (compileConditions keeps it so).
    preconditions: compileConditions(preconditions as never),
    body,
  };
}
