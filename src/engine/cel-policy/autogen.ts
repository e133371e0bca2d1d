// Kyverno: kyverno-cel-semantics §2.9 (and §3.7) — auto-generation of pod-controller policies from a Pod policy.
// Shared by ValidatingPolicy and MutatingPolicy: eligibility, controllers and the derived matchConstraints are
// common; the expression rewrite here is the ValidatingPolicy one (MutatingPolicy rewrites differently, §3.7).
//
// API: autogenTargets(spec) → AutogenTarget[] (empty when ineligible or disabled);
//      validatingAutogenSpecs(spec) → [{ config, spec }] (derived specs, to compile like the source spec).
import { cloneJson, isObject, type JsonObject, type JsonValue } from '../json.js';

/** `defaults`: apps/v1 + batch/v1 jobs, via `spec.template`; `cronjobs`: batch/v1 via `spec.jobTemplate`. */
export type AutogenConfig = 'defaults' | 'cronjobs';

/** One derived policy: its configuration and new `matchConstraints`. */
export interface AutogenTarget {
  readonly config: AutogenConfig;
  readonly matchConstraints: JsonObject;
}

const DEFAULT_CONTROLLERS = ['daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs'];
const GROUP_VERSION_OF: Readonly<Record<string, readonly [string, string]>> = {
  daemonsets: ['apps', 'v1'],
  deployments: ['apps', 'v1'],
  replicasets: ['apps', 'v1'],
  statefulsets: ['apps', 'v1'],
  jobs: ['batch', 'v1'],
};

const only = (v: JsonValue | undefined, expected: string) => Array.isArray(v) && v.length === 1 && v[0] === expected;
const hasContent = (v: JsonValue | undefined) =>
  isObject(v) &&
  Object.values(v).some(
    (x) => x !== null && (!isObject(x) || Object.keys(x).length > 0) && (!Array.isArray(x) || x.length > 0),
  );
const nonEmptyList = (v: JsonValue | undefined) => Array.isArray(v) && v.length > 0;

/** True when matchConstraints select exactly core/v1 pods with one rule (no names, exclusions, objectSelector). */
export function isAutogenEligible(spec: JsonObject): boolean {
  const mc = spec.matchConstraints;
  if (!isObject(mc) || hasContent(mc.objectSelector) || nonEmptyList(mc.excludeResourceRules)) return false;
  const rules = mc.resourceRules;
  if (!Array.isArray(rules) || rules.length !== 1 || !isObject(rules[0])) return false;
  const r = rules[0];
  return (
    !nonEmptyList(r.resourceNames) && only(r.apiGroups, '') && only(r.apiVersions, 'v1') && only(r.resources, 'pods')
  );
}

/** Controllers selected by `spec.autogen.podControllers.controllers` (absent → all six; `[]` → none). */
export function autogenControllers(spec: JsonObject): string[] {
  const autogen = isObject(spec.autogen) ? spec.autogen : {};
  const pc = isObject(autogen.podControllers) ? autogen.podControllers : {};
  if (!Array.isArray(pc.controllers)) return DEFAULT_CONTROLLERS;
  const wanted = new Set(pc.controllers.map((c) => String(c)));
  return DEFAULT_CONTROLLERS.filter((c) => wanted.has(c));
}

/** The derived policies of an eligible spec: `defaults` first (when any of its controllers is selected), then `cronjobs`. */
export function autogenTargets(spec: JsonObject): AutogenTarget[] {
  if (!isAutogenEligible(spec)) return [];
  const controllers = autogenControllers(spec);
  const mc = spec.matchConstraints as JsonObject;
  const rule = (mc.resourceRules as JsonObject[])[0];
  const targets: AutogenTarget[] = [];
  const byGroupVersion = new Map<string, string[]>();
  for (const c of controllers.filter((x) => x !== 'cronjobs')) {
    const key = GROUP_VERSION_OF[c].join('/');
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), c]);
  }
  const ruleFor = (gv: string, resources: string[]): JsonObject => {
    const [group, version] = gv.split('/');
    return { apiGroups: [group], apiVersions: [version], operations: cloneJson(rule.operations ?? []), resources };
  };
  const constraints = (rules: JsonObject[]): JsonObject =>
    mc.namespaceSelector !== undefined
      ? { resourceRules: rules, namespaceSelector: cloneJson(mc.namespaceSelector) }
      : { resourceRules: rules };
  if (byGroupVersion.size > 0) {
    const rules = [...byGroupVersion].map(([gv, resources]) => ruleFor(gv, resources));
    targets.push({ config: 'defaults', matchConstraints: constraints(rules) });
  }
  if (controllers.includes('cronjobs')) {
    targets.push({ config: 'cronjobs', matchConstraints: constraints([ruleFor('batch/v1', ['cronjobs'])]) });
  }
  return targets;
}

const TEMPLATE_PATH: Readonly<Record<AutogenConfig, string>> = {
  defaults: 'spec.template',
  cronjobs: 'spec.jobTemplate.spec.template',
};

// `object.spec` / `object.metadata` (and `oldObject.`), unless immediately followed by a whole `.namespace`.
const REFERENCE = /(object|oldObject)\.(spec|metadata)(?!\.namespace(?![A-Za-z0-9_]))/g;

/** Kyverno: §2.9 — the textual rewrite of ValidatingPolicy expressions for a pod controller. */
export function rewriteForController(text: string, config: AutogenConfig): string {
  return text.replace(REFERENCE, (_m, id: string, field: string) => `${id}.${TEMPLATE_PATH[config]}.${field}`);
}

/** Derived ValidatingPolicy specs: the whole spec rewritten as JSON text, with the target's matchConstraints. */
export function validatingAutogenSpecs(spec: JsonObject): { config: AutogenConfig; spec: JsonObject }[] {
  const rest: JsonObject = { ...spec };
  delete rest.matchConstraints;
  delete rest.autogen;
  const text = JSON.stringify(rest);
  return autogenTargets(spec).map((t) => ({
    config: t.config,
    spec: { ...(JSON.parse(rewriteForController(text, t.config)) as JsonObject), matchConstraints: t.matchConstraints },
  }));
}
