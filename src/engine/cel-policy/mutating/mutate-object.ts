// Kyverno: kyverno-cel-semantics §3.3 step 6, §3.4, §3.5 — applying one evaluated mutation to the current object.
import { isObject, type JsonObject } from '../../json.js';
import { fromCelValue } from '../../cel/values.js';
import { applyConfiguration, type ApplySchemaSource } from './apply-configuration.js';
import { MutationError } from './errors.js';
import { applyMutationPatch } from './json-patch.js';
import { PatchError } from '../../mutate/patch/errors.js';
import type { CompiledMutation } from './types.js';

/** Settings of the policy that change how mutations apply. */
export interface MutationSettings {
  readonly useServerSideApply: boolean;
  readonly schemaFor?: ApplySchemaSource;
}

/** The object after `mutation` produced `value`; throws MutationError or PatchError. */
export function applyMutation(
  object: JsonObject,
  mutation: CompiledMutation,
  value: unknown,
  settings: MutationSettings,
): JsonObject {
  if (mutation.patchType === 'ApplyConfiguration') {
    const mismatch = mutation.typeMismatch;
    if (mismatch)
      throw new MutationError(
        `type mismatch: unexpected type name "${mismatch.found}", expected "${mismatch.expected}", which matches field name path from root Object type`,
      );
    return applyConfiguration(object, fromCelValue(value), settings);
  }
  const ops = fromCelValue(value);
  if (!Array.isArray(ops)) throw new MutationError('JSONPatch expression must evaluate to a list');
  const patch = ops.map((op, i) => {
    if (!isObject(op)) throw new MutationError(`JSONPatch element ${i} is not a JSONPatch object`);
    return op;
  });
  try {
    return applyMutationPatch(object, patch);
  } catch (e) {
    // The API server's JSON patcher (Kyverno uses it) prefixes the patch library's errors.
    if (e instanceof PatchError) throw new PatchError(`JSON Patch: ${e.message}`);
    throw e;
  }
}
