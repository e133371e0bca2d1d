// Kyverno: kyverno-cel-semantics §2.3 — `spec.matchConstraints` (admissionregistration MatchResources) matching,
// shared by ValidatingPolicy, MutatingPolicy and GeneratingPolicy, plus the "simple constraints" test of §6.4.
//
// API: compileMatchConstraints(json) once at load; matchConstraints(compiled, admissionFacts(req)) per request.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { CelRequest } from './types.js';
import { compileKubeSelector, type KubeSelector } from './kube-selector.js';

/** One `resourceRules[]`/`excludeResourceRules[]` entry. */
export interface ResourceRule {
  readonly operations: readonly string[];
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly scope: string;
}

/** Compiled matchConstraints. */
export interface CompiledMatchConstraints {
  readonly resourceRules: readonly ResourceRule[];
  readonly excludeResourceRules: readonly ResourceRule[];
  readonly namespaceSelector: KubeSelector;
  readonly objectSelector: KubeSelector;
  /** §6.4: one resource rule, no resourceNames, no exclusions, no selector content. */
  readonly simple: boolean;
}

/** What matching reads from a request (see admissionFacts). */
export interface AdmissionFacts {
  readonly operation: string;
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly subResource: string;
  readonly name: string;
  readonly generateName: string;
  readonly namespace: string;
  readonly objectLabels: Readonly<Record<string, string>>;
  readonly oldObjectLabels: Readonly<Record<string, string>>;
  readonly namespaceLabels: Readonly<Record<string, string>>;
}

/** The outcome of matching: `error` is a matcher error (bad selector), reported only for otherwise-matching requests. */
export type MatchOutcome = { readonly matched: boolean; readonly error?: string };

/** Compiles `spec.matchConstraints` (absent → undefined: never matches in Kubernetes mode). */
export function compileMatchConstraints(json: JsonValue | undefined): CompiledMatchConstraints | undefined {
  if (!isObject(json)) return undefined;
  const resourceRules = rulesOf(json.resourceRules);
  const excludeResourceRules = rulesOf(json.excludeResourceRules);
  const namespaceSelector = compileKubeSelector(json.namespaceSelector);
  const objectSelector = compileKubeSelector(json.objectSelector);
  const simple =
    resourceRules.length === 1 &&
    resourceRules[0].resourceNames.length === 0 &&
    excludeResourceRules.length === 0 &&
    namespaceSelector.empty &&
    objectSelector.empty;
  return { resourceRules, excludeResourceRules, namespaceSelector, objectSelector, simple };
}

function rulesOf(v: JsonValue | undefined): ResourceRule[] {
  if (!Array.isArray(v)) return [];
  const strings = (x: JsonValue | undefined) => (Array.isArray(x) ? x.map((s) => String(s ?? '')) : []);
  return v.filter(isObject).map((r) => ({
    operations: strings(r.operations),
    apiGroups: strings(r.apiGroups),
    apiVersions: strings(r.apiVersions),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    scope: typeof r.scope === 'string' ? r.scope : '*',
  }));
}

/** Matches a request against compiled constraints, in the order of §2.3. */
export function matchConstraints(mc: CompiledMatchConstraints, facts: AdmissionFacts): MatchOutcome {
  const ns = namespaceSelectorMatches(mc.namespaceSelector, facts);
  if (!ns.matched && ns.error === undefined) return { matched: false };
  const obj = objectSelectorMatches(mc.objectSelector, facts);
  if (!obj.matched && obj.error === undefined) return { matched: false };
  if (mc.excludeResourceRules.some((r) => ruleMatches(r, facts))) return { matched: false };
  if (mc.resourceRules.length > 0 && !mc.resourceRules.some((r) => ruleMatches(r, facts))) return { matched: false };
  const error = ns.error ?? obj.error;
  return error === undefined ? { matched: true } : { matched: false, error };
}

function isNamespaceResource(f: AdmissionFacts): boolean {
  return f.group === '' && f.resource === 'namespaces';
}

function namespaceSelectorMatches(sel: KubeSelector, f: AdmissionFacts): MatchOutcome {
  if (sel.empty) return { matched: true };
  const isNs = isNamespaceResource(f) && f.subResource === '';
  if (f.namespace === '' && !isNs) return { matched: true };
  if (sel.error !== undefined) return { matched: false, error: sel.error };
  // A Namespace being created or updated is matched on its own labels.
  const own = isNs && (f.operation === 'CREATE' || f.operation === 'UPDATE');
  return { matched: sel.matches(own ? f.objectLabels : f.namespaceLabels) };
}

function objectSelectorMatches(sel: KubeSelector, f: AdmissionFacts): MatchOutcome {
  if (sel.empty) return { matched: true };
  if (sel.error !== undefined) return { matched: false, error: sel.error };
  // Kyverno: §2.3 step 2 / App. B — the absent side is an empty object, so negative-only selectors match it.
  return { matched: sel.matches(f.objectLabels) || sel.matches(f.oldObjectLabels) };
}

const listed = (list: readonly string[], value: string) => list.includes('*') || list.includes(value);

/** True when one resource rule selects the request (operation, group, version, resource, scope, names). */
export function ruleMatches(r: ResourceRule, f: AdmissionFacts): boolean {
  return (
    listed(r.operations, f.operation) &&
    listed(r.apiGroups, f.group) &&
    listed(r.apiVersions, f.version) &&
    r.resources.some((res) => resourceMatches(res, f)) &&
    scopeMatches(r.scope, f) &&
    namesMatch(r.resourceNames, f)
  );
}

// Kubernetes splits `res/sub` and compares each side with `*` as wildcard, so `pods/*` also selects `pods`.
function resourceMatches(entry: string, f: AdmissionFacts): boolean {
  const slash = entry.indexOf('/');
  const res = slash < 0 ? entry : entry.slice(0, slash);
  const sub = slash < 0 ? '' : entry.slice(slash + 1);
  return (res === '*' || res === f.resource) && (sub === '*' || sub === f.subResource);
}

function scopeMatches(scope: string, f: AdmissionFacts): boolean {
  if (scope === 'Cluster') return f.namespace === '' || isNamespaceResource(f);
  if (scope === 'Namespaced') return f.namespace !== '' && !isNamespaceResource(f);
  return true;
}

function namesMatch(names: readonly string[], f: AdmissionFacts): boolean {
  if (names.length === 0) return true;
  // Kyverno: §2.3 step 4 — an object without a name matches on its generateName prefix.
  if (f.name === '') return f.generateName !== '' && names.some((n) => f.generateName.startsWith(n));
  return names.includes(f.name);
}

/** The facts matching needs, read from a CelRequest (GVR and names from `admission`, labels from the objects). */
export function admissionFacts(req: CelRequest): AdmissionFacts {
  const a = req.admission;
  const gvr = isObject(a.resource) ? a.resource : {};
  const md = metadataOf(req.object) ?? metadataOf(req.oldObject) ?? {};
  const name = str(a.name) || str(md.name);
  return {
    operation: req.operation,
    group: str(gvr.group),
    version: str(gvr.version),
    resource: str(gvr.resource),
    subResource: str(a.subResource),
    name,
    generateName: str(md.generateName),
    namespace: str(a.namespace) || str(md.namespace),
    objectLabels: labelsOf(req.object),
    oldObjectLabels: labelsOf(req.oldObject),
    namespaceLabels: req.namespaceLabels,
  };
}

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function metadataOf(obj: JsonObject | null): JsonObject | undefined {
  return obj && isObject(obj.metadata) ? obj.metadata : undefined;
}

/** An object's labels as strings ({} when absent). */
export function labelsOf(obj: JsonObject | null): Record<string, string> {
  const labels = metadataOf(obj)?.labels;
  const out: Record<string, string> = {};
  if (isObject(labels)) for (const [k, v] of Object.entries(labels)) out[k] = String(v ?? '');
  return out;
}
