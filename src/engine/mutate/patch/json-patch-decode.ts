// Kyverno: spec §8.4 — decode patchesJson6902: YAML or JSON text (or an already parsed list) into RFC 6902 operations.
import { parse, type Tags } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { PatchError } from './errors.js';

/** One operation; `null` list entries are kept (they fail as an unknown operation when applied). */
export type Operation = JsonObject | null;

/** Decode the operation list. Throws PatchError when the text is not a list of operations. */
export function decodeJsonPatch(patch: string | JsonValue): Operation[] {
  const value = typeof patch === 'string' ? parseText(patch) : patch;
  // Go decodes `null` into an empty patch.
  if (value === null) return [];
  if (!Array.isArray(value))
    throw new PatchError(`failed to decode patches: cannot unmarshal ${describe(value)} into a JSON patch`);
  for (const op of value) {
    if (op !== null && !isObject(op))
      throw new PatchError(`failed to decode patches: cannot unmarshal ${describe(op)} into an operation`);
  }
  return value as Operation[];
}

// Kyverno: text that does not start with `[` is YAML (sigs.k8s.io/yaml, i.e. YAML 1.1); otherwise it must be JSON.
function parseText(text: string): JsonValue {
  if (text.length === 0) throw new PatchError('failed to decode patches: unexpected end of JSON input');
  if (text[0] === '[') {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (e) {
      throw new PatchError(`failed to decode patches: ${(e as Error).message}`);
    }
  }
  try {
    return (parse(text, { version: '1.1', customTags: withoutTimestamps }) ?? null) as JsonValue;
  } catch (e) {
    throw new PatchError(`failed to convert patchesJSON6902 to JSON: ${(e as Error).message}`);
  }
}

// go-yaml v2 keeps timestamp-looking scalars as strings when decoding into interface{}.
function withoutTimestamps(tags: Tags): Tags {
  return tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp');
}

function describe(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  return isObject(v) ? 'object' : typeof v;
}
