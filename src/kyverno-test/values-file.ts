// Kyverno: spec §14.3 — the Values document of a test (variables file or inline `values`).
import {
  isObject,
  type ApiResource,
  type JsonObject,
  type JsonValue,
  type SubresourceMapping,
} from '../engine/index.js';

type Entries = readonly (readonly [string, JsonValue])[];

/** Values for one policy. */
export interface PolicyValuesSpec {
  readonly resources: ReadonlyMap<string, Entries>;
  readonly rules: ReadonlyMap<string, Entries>;
}

/** A decoded Values document. */
export interface ValuesSpec {
  readonly global: Entries;
  readonly policies: ReadonlyMap<string, PolicyValuesSpec>;
  /** Namespace name → labels, for namespaceSelector matching. */
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Namespace name → Namespace object (`namespaces[]`, else synthesized from `namespaceSelector[]`). */
  readonly namespaceObjects: ReadonlyMap<string, JsonObject>;
  /** Declared subresources: the subresource's GVK and its parent's. */
  readonly subresources: readonly SubresourceMapping[];
}

const entriesOf = (v: JsonValue | undefined): Entries => (isObject(v) ? Object.entries(v) : []);

/** Decode a Values document; `inline` values (from the Test) need no apiVersion. */
export function decodeValues(doc: JsonValue, inline = false): ValuesSpec {
  if (!isObject(doc)) throw new Error('values must be a YAML map');
  // Kyverno: only a missing apiVersion/kind marks the deprecated schema; the corpus's `kind: Value` loads
  // (kyverno-cel-semantics §6.1).
  if (!inline && (!doc.apiVersion || !doc.kind))
    throw new Error(
      'values file uses a deprecated schema: it needs apiVersion cli.kyverno.io/v1alpha1 and kind Values',
    );
  const policies = new Map<string, PolicyValuesSpec>();
  for (const p of Array.isArray(doc.policies) ? doc.policies : []) {
    if (!isObject(p)) continue;
    const resources = new Map<string, Entries>();
    for (const r of Array.isArray(p.resources) ? p.resources : [])
      if (isObject(r)) resources.set(String(r.name), entriesOf(r.values));
    const rules = new Map<string, Entries>();
    for (const r of Array.isArray(p.rules) ? p.rules : []) if (isObject(r)) rules.set(String(r.name), ruleEntries(r));
    policies.set(String(p.name), { resources, rules });
  }
  return {
    global: entriesOf(doc.globalValues),
    policies,
    namespaceLabels: namespaceLabelsOf(doc),
    namespaceObjects: namespaceObjectsOf(doc),
    subresources: subresourcesOf(doc),
  };
}

// Kyverno: foreachValues give a list per key and only index 0 is ever used (quirk).
function ruleEntries(r: JsonObject): Entries {
  const fe = entriesOf(r.foreachValues).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? null) : v] as const);
  return [...entriesOf(r.values), ...fe];
}

function namespaceLabelsOf(doc: JsonObject): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const toLabels = (v: JsonValue | undefined) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};
  for (const ns of Array.isArray(doc.namespaces) ? doc.namespaces : []) {
    if (isObject(ns) && isObject(ns.metadata)) out.set(String(ns.metadata.name), toLabels(ns.metadata.labels));
  }
  for (const s of Array.isArray(doc.namespaceSelector) ? doc.namespaceSelector : []) {
    if (isObject(s)) out.set(String(s.name), toLabels(s.labels));
  }
  return out;
}

// Kyverno: full `namespaces[]` objects win over the name+labels of `namespaceSelector[]` (§5.2.1).
function namespaceObjectsOf(doc: JsonObject): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const s of Array.isArray(doc.namespaceSelector) ? doc.namespaceSelector : [])
    if (isObject(s))
      out.set(String(s.name), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: String(s.name), labels: isObject(s.labels) ? s.labels : {} },
      });
  for (const ns of Array.isArray(doc.namespaces) ? doc.namespaces : [])
    if (isObject(ns) && isObject(ns.metadata)) out.set(String(ns.metadata.name), ns);
  return out;
}

function subresourcesOf(doc: JsonObject): SubresourceMapping[] {
  const ref = (v: JsonValue | undefined): ApiResource => {
    const o = isObject(v) ? v : {};
    return {
      name: String(o.name ?? ''),
      kind: String(o.kind ?? ''),
      group: String(o.group ?? ''),
      version: String(o.version ?? ''),
    };
  };
  return (Array.isArray(doc.subresources) ? doc.subresources : [])
    .filter(isObject)
    .map((s) => ({ subresource: ref(s.subresource), parentResource: ref(s.parentResource) }));
}
