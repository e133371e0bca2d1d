// Webhook rules (admissionregistration.k8s.io/v1 RuleWithOperations) from the admission interests of the policies
// that one webhook serves — the way Kyverno's webhook controller builds its rules: resolve each kind to its API
// resources, drop what a wildcard entry already covers, then group resources by group, version, scope and operations.
import { ALL_OPERATIONS, hasWildcard, type AdmissionInterest, type KindInterest } from '../engine/index.js';
import { findResources, type ApiResource } from './api-resources.js';

/** One `rules[]` entry of a webhook. */
export interface WebhookRule {
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly operations: readonly string[];
  readonly resources: readonly string[];
  readonly scope: string;
}

/** The rules of one webhook, and the kind interests no known API resource serves. */
export interface WebhookRules {
  readonly rules: readonly WebhookRule[];
  readonly unresolved: readonly KindInterest[];
}

// One (group, version, resource, scope, operation) the API server must send.
interface Entry {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly scope: string;
  readonly operation: string;
}

/** The webhook rules that send every request the interests ask for. */
export function webhookRules(interests: readonly AdmissionInterest[], table: readonly ApiResource[]): WebhookRules {
  const entries = new Map<string, Entry>();
  const add = (e: Entry) => entries.set(entryKey(e), e);
  const unresolved: KindInterest[] = [];
  for (const i of interests) {
    if (i.form === 'resources') {
      for (const group of i.apiGroups)
        for (const version of i.apiVersions)
          for (const resource of i.resources)
            for (const operation of i.operations) add({ group, version, resource, scope: i.scope, operation });
      continue;
    }
    const targets = kindTargets(i, table);
    if (targets.length === 0) unresolved.push(i);
    for (const t of targets) for (const operation of i.operations) add({ ...t, operation });
  }
  const kept = [...entries.values()].filter((e) => ![...entries.values()].some((o) => o !== e && covers(o, e)));
  return { rules: groupRules(kept), unresolved };
}

type Target = Omit<Entry, 'operation'>;

// Kyverno: a kind `*` is not looked up (its scope is the policy's); other kinds resolve through discovery, and a rule
// for core v1 pods also sends pods/ephemeralcontainers, which a Pod kind selector matches.
function kindTargets(i: KindInterest, table: readonly ApiResource[]): Target[] {
  const sel = i.kind;
  let targets: Target[];
  if (sel.kind === '*')
    targets = [
      {
        group: exactOrAll(sel.group),
        version: exactOrAll(sel.version),
        resource: sel.subresource === '' ? '*' : `*/${exactOrAll(sel.subresource)}`,
        scope: i.namespaced ? 'Namespaced' : '*',
      },
    ];
  else
    targets = findResources(table, sel).map((r) => ({
      group: r.group,
      version: r.version,
      resource: r.resource,
      // Kyverno registers cluster-scoped resources with scope `*`.
      scope: r.namespaced ? 'Namespaced' : '*',
    }));
  const pods = targets.filter(
    (t) => (t.group === '' || t.group === '*') && (t.version === 'v1' || t.version === '*') && isPodsOrAll(t.resource),
  );
  return [...targets, ...pods.map((t) => ({ ...t, resource: 'pods/ephemeralcontainers' }))];
}

const isPodsOrAll = (resource: string) => resource === 'pods' || resource === '*';

// Webhook rules know only exact names and `*`.
function exactOrAll(part: string): string {
  return hasWildcard(part) ? '*' : part;
}

function entryKey(e: Entry): string {
  return [e.group, e.version, e.resource, e.scope, e.operation].join('\u0000');
}

/** Whether webhook entry `a` already sends every request `b` names. */
function covers(a: Entry, b: Entry): boolean {
  return (
    (a.group === '*' || a.group === b.group) &&
    (a.version === '*' || a.version === b.version) &&
    (a.scope === '*' || a.scope === b.scope) &&
    (a.operation === '*' || a.operation === b.operation) &&
    resourceCovers(a.resource, b.resource)
  );
}

// Kubernetes' resource wildcards: `*` all resources, `*/*` everything, `pods/*` every subresource of pods, `*/scale`
// that subresource of every resource.
function resourceCovers(a: string, b: string): boolean {
  if (a === b || a === '*/*') return true;
  const [ar, as = ''] = a.split('/', 2);
  const [br, bs = ''] = b.split('/', 2);
  if (as === '') return ar === '*' && bs === '';
  if (bs === '') return false;
  return (ar === '*' || ar === br) && (as === '*' || as === bs);
}

const OPERATION_ORDER: readonly string[] = [...ALL_OPERATIONS, '*'];

// Resources with the same group, version, scope and operations share a rule; rules that then differ only in
// version share one too.
function groupRules(entries: readonly Entry[]): WebhookRule[] {
  const byResource = new Map<string, { group: string; version: string; scope: string; ops: Set<string> }>();
  for (const e of entries) {
    const key = [e.group, e.version, e.scope, e.resource].join('\u0000');
    const found = byResource.get(key) ?? { group: e.group, version: e.version, scope: e.scope, ops: new Set() };
    found.ops.add(e.operation);
    byResource.set(key, found);
  }
  const byOperations = new Map<
    string,
    { group: string; version: string; scope: string; ops: string[]; resources: string[] }
  >();
  for (const [key, r] of byResource) {
    const ops = r.ops.has('*') ? ['*'] : OPERATION_ORDER.filter((op) => r.ops.has(op));
    const resource = key.split('\u0000')[3];
    const gk = [r.group, r.version, r.scope, ops.join(',')].join('\u0000');
    const found = byOperations.get(gk) ?? { ...r, ops, resources: [] };
    found.resources.push(resource);
    byOperations.set(gk, found);
  }
  const byVersion = new Map<string, WebhookRule & { apiVersions: string[] }>();
  for (const r of byOperations.values()) {
    const resources = [...r.resources].sort();
    const key = [r.group, r.scope, r.ops.join(','), resources.join(',')].join('\u0000');
    const found = byVersion.get(key);
    if (found) found.apiVersions.push(r.version);
    else
      byVersion.set(key, {
        apiGroups: [r.group],
        apiVersions: [r.version],
        operations: r.ops,
        resources,
        scope: r.scope,
      });
  }
  return [...byVersion.values()]
    .map((r) => ({ ...r, apiVersions: [...r.apiVersions].sort() }))
    .sort((a, b) => compareRules(a, b));
}

function compareRules(a: WebhookRule, b: WebhookRule): number {
  const key = (r: WebhookRule) => [r.apiGroups[0], r.apiVersions[0], r.resources[0], r.scope].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
