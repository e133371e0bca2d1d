// Kyverno: spec §13.7, §12.2 — background scans: existing resources against the validate rules of background policies.
import type { JsonObject } from '../engine/json.js';
import type { Clock, ClusterReader } from '../engine/ports.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import type { CompiledRule } from '../engine/compile/compiled-rule.js';
import { evaluateValidation } from '../engine/evaluate/evaluate-policy.js';
import { namespaceOf, type EvaluationEnv, type EvaluationRequest } from '../engine/evaluate/request.js';
import { labelsOf } from '../engine/match/match.js';
import { splitApiVersion, type KindSelector } from '../engine/match/kind-selector.js';
import type { RuleResult } from '../engine/result/rule-result.js';
import { hasWildcard } from '../engine/primitives/wildcard.js';
import {
  DEFAULT_RESOURCE_FILTERS,
  isFilteredOut,
  parseResourceFilters,
  resourceFilterSubject,
} from './admission/resource-filters.js';
import type { PolicySnapshot } from './policy-store.js';

/** What a scan needs besides the policies: time, cluster reads for context entries, namespace labels, filters. */
export interface ScanDeps {
  readonly clock: Clock;
  readonly cluster?: ClusterReader;
  readonly defaultRegistry?: string;
  /** Labels of a namespace, undefined when unknown (namespaceSelector then sees no labels). */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /** Kyverno's `[Kind,Namespace,Name]` resource filters (spec §13.6); default: the Helm chart's. */
  readonly resourceFilters?: readonly string[];
}

/** A kind a background policy can match: `apiVersion` only when the selector names both group and version. */
export interface WantedKind {
  readonly apiVersion?: string;
  readonly kind: string;
}

/** The kinds to list for a scan, and the wildcard kind selectors that are not scanned. */
export interface ScanKinds {
  readonly kinds: readonly WantedKind[];
  readonly wildcards: readonly string[];
}

const REPORTS_DISABLED = 'reports.kyverno.io/disabled';

/** Whether the policy takes part in background scans: valid, `background` not false, reports not disabled. */
export function scansInBackground(cp: CompiledPolicy): boolean {
  // Kyverno: spec §1.2 — a policy labelled reports.kyverno.io/disabled produces no report of any kind.
  if (Object.hasOwn(cp.policy.labels, REPORTS_DISABLED)) return false;
  return cp.diagnostics.length === 0 && cp.policy.spec.background !== false;
}

/** Validate results of every background policy for each resource; pure, nothing is blocked. */
export function scanResources(snapshot: PolicySnapshot, resources: Iterable<JsonObject>, deps: ScanDeps): RuleResult[] {
  const policies = snapshot.policies.filter((cp) => scansInBackground(cp) && hasValidateRules(cp));
  const filters = parseResourceFilters(deps.resourceFilters ?? DEFAULT_RESOURCE_FILTERS);
  const env: EvaluationEnv = {
    queries: snapshot.queries,
    clock: deps.clock,
    cluster: deps.cluster,
    defaultRegistry: deps.defaultRegistry,
    exceptions: snapshot.exceptions,
  };
  const results: RuleResult[] = [];
  for (const resource of resources) {
    if (policies.length === 0 || isFilteredOut(filters, resourceFilterSubject(resource))) continue;
    const req = backgroundRequest(resource, deps);
    for (const cp of policies) results.push(...evaluateValidation(cp, req, env).rules);
  }
  return results;
}

/** The kinds the validate rules of background policies can match, from their compiled match criteria. */
export function scanKinds(snapshot: PolicySnapshot): ScanKinds {
  const kinds = new Map<string, WantedKind>();
  const wildcards = new Set<string>();
  for (const cp of snapshot.policies) {
    if (!scansInBackground(cp)) continue;
    for (const sel of cp.rules.filter(isScannedRule).flatMap(kindSelectorsOf)) {
      // Subresources (Pod/exec, Deployment/scale) cannot be listed; only admission requests carry them.
      if (sel.subresource !== '' && sel.subresource !== '*') continue;
      if (hasWildcard(sel.kind)) wildcards.add(selectorText(sel));
      else {
        const wanted = wantedKind(sel);
        kinds.set(`${wanted.apiVersion ?? ''}/${wanted.kind}`, wanted);
      }
    }
  }
  return { kinds: [...kinds.values()], wildcards: [...wildcards] };
}

// Kyverno: spec §13.7 — no admission request: no operation, no user; request.object is the resource.
function backgroundRequest(resource: JsonObject, deps: ScanDeps): EvaluationRequest {
  return { object: resource, namespaceLabels: namespaceLabelsFor(resource, deps) };
}

// A Namespace is selected by its own labels (as in admission); everything else by its namespace's labels.
function namespaceLabelsFor(resource: JsonObject, deps: ScanDeps): Readonly<Record<string, string>> | undefined {
  const { group } = splitApiVersion(String(resource.apiVersion ?? ''));
  if (resource.kind === 'Namespace' && group === '') return labelsOf(resource);
  const ns = namespaceOf(resource);
  return ns ? deps.namespaceLabels(ns) : undefined;
}

function hasValidateRules(cp: CompiledPolicy): boolean {
  return cp.rules.some(isScannedRule);
}

// verifyImages rules are scanned by Kyverno too, but Tollgate does not evaluate them (spec §1.4: out of scope).
function isScannedRule(rule: CompiledRule): boolean {
  return rule.type === 'validate' && rule.validate !== undefined && !rule.unsupported;
}

function kindSelectorsOf(rule: CompiledRule): KindSelector[] {
  return (rule.match?.filters ?? []).flatMap((f) => f.kinds ?? []);
}

function wantedKind(sel: KindSelector): WantedKind {
  if (hasWildcard(sel.group) || hasWildcard(sel.version)) return { kind: sel.kind };
  return { apiVersion: sel.group ? `${sel.group}/${sel.version}` : sel.version, kind: sel.kind };
}

function selectorText(sel: KindSelector): string {
  const gv = sel.group === '*' && sel.version === '*' ? '' : `${sel.group}/${sel.version}/`;
  return `${gv}${sel.kind}`;
}
