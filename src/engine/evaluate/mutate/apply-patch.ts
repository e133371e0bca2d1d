// One mutate patch (strategic merge or JSON 6902) applied to a resource; errors become Outcomes.
import { deepEqual, isObject, type JsonObject, type JsonValue } from '../../json.js';
import { applyJsonPatch, strategicMerge } from '../../mutate/patch/index.js';

/** The patch parts of a mutate rule or mutate foreach entry (already substituted). */
export interface PatchSpec {
  readonly patchStrategicMerge?: JsonValue;
  readonly patchesJson6902?: JsonValue;
}

/** A patched resource, and whether the patch changed it (as JSON, key order aside). */
export interface Patched {
  readonly resource: JsonObject;
  readonly changed: boolean;
}

/** Apply the patch; Kyverno uses only the strategic merge patch when both are given (spec §8.1). */
export function applyPatchSpec(resource: JsonObject, spec: PatchSpec): Patched | { error: string } {
  try {
    if (spec.patchStrategicMerge !== undefined) {
      const { merged, changed } = strategicMerge(resource, spec.patchStrategicMerge);
      return { resource: merged, changed };
    }
    if (spec.patchesJson6902 !== undefined) {
      const patched = applyJsonPatch(resource, spec.patchesJson6902);
      return { resource: patched, changed: !deepEqual(patched, resource) };
    }
    return { resource, changed: false };
  } catch (e) {
    return { error: `failed to patch resource: ${(e as Error).message}` };
  }
}

/** The patches of a mutate foreach entry or of a rule with targets, as Kyverno substitutes them: null where absent. */
// A type, not an interface: it is substituted as a JSON document.
export type PatchDocument = { readonly patchStrategicMerge: JsonValue; readonly patchesJson6902: JsonValue };

/** The patch document of a foreach entry or a `mutate` block (its other fields left out). */
export function patchDocumentOf(m: JsonObject): PatchDocument {
  return { patchStrategicMerge: m.patchStrategicMerge ?? null, patchesJson6902: m.patchesJson6902 ?? null };
}

/** Apply a substituted patch document (`patchDocumentOf`), a null part being one not given. */
export function applyPatchDocument(resource: JsonObject, substituted: JsonValue): Patched | { error: string } {
  const spec = patchSpecOf(substituted);
  return applyPatchSpec(resource, {
    patchStrategicMerge: spec.patchStrategicMerge === null ? undefined : spec.patchStrategicMerge,
    patchesJson6902: spec.patchesJson6902 === null ? undefined : spec.patchesJson6902,
  });
}

/** The patch parts of a rule's `mutate` block or of a foreach entry. */
export function patchSpecOf(v: JsonValue | undefined): PatchSpec {
  if (!isObject(v)) return {};
  return { patchStrategicMerge: v.patchStrategicMerge, patchesJson6902: v.patchesJson6902 };
}

/** Kyverno's pass message for a mutation. */
export function mutatedMessage(resource: JsonObject): string {
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const ns = typeof md.namespace === 'string' && md.namespace ? ` in namespace ${md.namespace}` : '';
  return `mutated ${String(resource.kind)}/${String(md.name ?? '')}${ns}`;
}

/** Kyverno's message for a mutate rule that changed nothing: a foreach counts the elements it patched (none). */
export function unchangedMessage(mutate: JsonObject): string {
  return Array.isArray(mutate.foreach) ? '0 elements processed' : 'no patches applied';
}
