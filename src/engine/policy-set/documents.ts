// Which documents are resources to evaluate: Kubernetes objects that no kind table entry loads as a policy or
// exception; `List` documents are unpacked into their items, each pointing back into the list's source.
import { isObject, type JsonObject } from '../json.js';
import type { SourceDocument } from '../source/documents.js';
import { kindOf } from '../kinds/table.js';

/** True for a document with apiVersion and kind strings. */
export function isKubernetesObject(v: unknown): v is JsonObject {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string';
}

/** The items of a `List` document, each pointing back into the list's source. */
export function listItems(d: SourceDocument): SourceDocument[] {
  const items = (d.value as JsonObject).items as JsonObject[];
  return items.filter(isKubernetesObject).map((item, i) => ({
    file: d.file,
    index: d.index,
    value: item,
    pos: d.locate(['items', i]),
    locate: (path) => d.locate(['items', i, ...path]),
  }));
}

/** The resources among `docs` (lists unpacked): Kubernetes objects that are not policies or exceptions. */
export function resourceDocuments(docs: readonly SourceDocument[]): SourceDocument[] {
  const out: SourceDocument[] = [];
  for (const d of docs) {
    const v = d.value;
    if (!isKubernetesObject(v) || kindOf(v)) continue;
    if (isList(v)) out.push(...listItems(d));
    else out.push(d);
  }
  return out;
}

function isList(v: JsonObject): boolean {
  return (v.kind === 'List' || String(v.kind).endsWith('List')) && Array.isArray(v.items);
}
