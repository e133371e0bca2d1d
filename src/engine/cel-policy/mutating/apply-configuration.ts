// Kyverno: kyverno-cel-semantics §3.5 — an ApplyConfiguration mutation: schema lookup, atomic guard, merge.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { applySchemaFor, type ApplyNode } from './apply-schema.js';
import { atomicPaths } from './atomic-guard.js';
import { MutationError } from './errors.js';
import { mergeApplied } from './structured-merge.js';

/** Where the merge gets the schema of a kind (built-in table by default; CRD schemas may be plugged in). */
export type ApplySchemaSource = (apiVersion: string, kind: string) => ApplyNode | undefined;

export interface ApplyOptions {
  /** `spec.evaluation.useServerSideApply`: skip the atomic guard, replace atomic values wholesale. */
  readonly useServerSideApply: boolean;
  readonly schemaFor?: ApplySchemaSource;
}

/** Merges the apply configuration `patch` into `object`. Throws MutationError (no schema, atomic guard). */
export function applyConfiguration(object: JsonObject, patch: JsonValue, opts: ApplyOptions): JsonObject {
  if (!isObject(patch)) throw new MutationError('apply configuration must evaluate to an object');
  const apiVersion = String(object.apiVersion ?? '');
  const kind = String(object.kind ?? '');
  const schema = (opts.schemaFor ?? applySchemaFor)(apiVersion, kind);
  // Kyverno: §3.5 — a kind without schema cannot be converted to a typed value.
  if (!schema)
    throw new MutationError(`failed to apply configuration to ${apiVersion}/${kind}: type converter must not be nil`);
  if (!opts.useServerSideApply) {
    const atomics = atomicPaths(patch, schema);
    if (atomics.length > 0)
      throw new MutationError(
        `invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: ${atomics.join(', ')}`,
      );
  }
  // The result carries the object's GVK whatever the patch says.
  const merged = mergeApplied(object, { ...patch, apiVersion, kind }, schema);
  return merged as JsonObject;
}
