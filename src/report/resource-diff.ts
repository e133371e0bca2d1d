// A unified diff of what a mutation changed, as YAML.
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { type JsonObject } from '../engine/index.js';

/** Unified diff between a resource before and after mutation ('' when unchanged). */
export function resourceDiff(label: string, before: JsonObject, after: JsonObject): string {
  const a = stringify(before);
  const b = stringify(after);
  if (a === b) return '';
  return createTwoFilesPatch(`${label} (original)`, `${label} (mutated)`, a, b, '', '', { context: 3 });
}
