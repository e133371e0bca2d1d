// Kyverno: spec §14.3 — the Values document of a test (variables file or inline `values`).
import { isObject, type JsonObject, type JsonValue } from '../engine/json.js';

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
}

const entriesOf = (v: JsonValue | undefined): Entries => (isObject(v) ? Object.entries(v) : []);

/** Decode a Values document; `inline` values (from the Test) need no apiVersion. */
export function decodeValues(doc: JsonValue, inline = false): ValuesSpec {
  if (!isObject(doc)) throw new Error('values must be a YAML map');
  if (!inline && (doc.apiVersion !== 'cli.kyverno.io/v1alpha1' || doc.kind !== 'Values'))
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
  return { global: entriesOf(doc.globalValues), policies, namespaceLabels: namespaceLabelsOf(doc) };
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
