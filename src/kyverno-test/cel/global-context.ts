// Kyverno CLI: `globalContextEntries` as the `globalContext` library's data (kyverno-cel-semantics §5.5, K §14.2).
import { compileQuery, isObject, type Clock, type JsonValue } from '../../engine/index.js';

/** One entry: its data (after `fieldPath`) and its named projections. */
export interface GlobalContextData {
  readonly data: JsonValue;
  readonly projections: ReadonlyMap<string, JsonValue>;
}

/** Reads the objects of `resourceFiles` entries (paths relative to the test). */
export type ReadResourceFiles = (paths: string[]) => JsonValue[];

/** Decode `globalContextEntries`: `data` | `resources` | `resourceFiles`, optional `fieldPath` and `projections`. */
export function decodeGlobalContext(
  raw: JsonValue | undefined,
  readFiles: ReadResourceFiles,
  clock: Clock,
): Map<string, GlobalContextData> {
  const out = new Map<string, GlobalContextData>();
  (Array.isArray(raw) ? raw : []).forEach((e, i) => {
    if (!isObject(e) || typeof e.name !== 'string') throw new Error(`globalContextEntries[${i}] needs a name`);
    const search = (expr: JsonValue | undefined, data: JsonValue, what: string) => {
      try {
        return compileQuery(String(expr)).search(data, { clock });
      } catch (err) {
        throw new Error(`globalContextEntries[${i}] ${what}: ${(err as Error).message}`);
      }
    };
    let data: JsonValue =
      e.data !== undefined
        ? e.data
        : Array.isArray(e.resources)
          ? e.resources
          : readFiles((Array.isArray(e.resourceFiles) ? e.resourceFiles : []).map(String));
    if (typeof e.fieldPath === 'string' && e.fieldPath !== '') data = search(e.fieldPath, data, 'fieldPath');
    const projections = new Map<string, JsonValue>();
    for (const p of Array.isArray(e.projections) ? e.projections : [])
      if (isObject(p)) projections.set(String(p.name), search(p.jmesPath, data, `projection ${String(p.name)}`));
    out.set(e.name, { data, projections });
  });
  return out;
}

/** The `globalContext` service: unknown entry → undefined (`null` in CEL), unknown projection → error. */
export function globalContextLookup(
  entries: ReadonlyMap<string, GlobalContextData>,
): (name: string, projection?: string) => JsonValue | undefined {
  return (name, projection) => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    if (projection === undefined || projection === '') return entry.data;
    if (!entry.projections.has(projection))
      throw new Error(`projection "${projection}" not found in global context entry "${name}"`);
    return entry.projections.get(projection);
  };
}
