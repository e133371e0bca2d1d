// Kyverno: spec §3 — match/exclude resource filters, compiled once per rule.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { boundedMemo } from '../primitives/bounded-memo.js';
import { matchesAnyPattern, wildcardMatch } from '../primitives/wildcard.js';
import { kindMatches, parseKindSelector, type KindSelector, type ResourceKind } from './kind-selector.js';
import { compileSelector, type CompiledSelector } from './label-selector.js';

/** Who made the request: present in admission and with a CLI userinfo file. */
export interface RequestUser {
  readonly username: string;
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  readonly clusterRoles: readonly string[];
}

/** What match/exclude look at: the resource, its kind, the operation and the requester. */
export interface MatchSubject {
  readonly resource: JsonObject;
  readonly kind: ResourceKind;
  readonly name: string;
  /** The resource's namespace; for a Namespace, its own name; '' when cluster-scoped. */
  readonly namespace: string;
  readonly operation: string;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  /** The resource's labels as selectors read them (`labelsOf`), read once per subject. */
  readonly labels: Readonly<Record<string, string>>;
  readonly user?: RequestUser;
}

interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/** One compiled match or exclude filter (a `resources` block with its user criteria). */
export interface CompiledFilter {
  readonly operations?: readonly string[];
  readonly kinds?: readonly KindSelector[];
  readonly name?: string;
  readonly names?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly annotations?: readonly (readonly [string, string])[];
  readonly selector?: CompiledSelector;
  readonly namespaceSelector?: CompiledSelector;
  readonly roles?: readonly string[];
  readonly clusterRoles?: readonly string[];
  readonly subjects?: readonly Subject[];
  /** No resource criterion and no user criterion at all: never matches. */
  readonly empty: boolean;
}

/** A compiled match or exclude block. */
export interface CompiledMatch {
  readonly mode: 'any' | 'all' | 'legacy';
  readonly filters: readonly CompiledFilter[];
  /** Kind names this block can select; undefined when any kind may be selected. */
  readonly kindNames?: ReadonlySet<string>;
}

const strings = (v: JsonValue | undefined): string[] | undefined =>
  Array.isArray(v) && v.length > 0 ? v.map((x) => String(x)) : undefined;

function compileFilter(resources: JsonValue | undefined, userPart: JsonObject): CompiledFilter {
  const r = isObject(resources) ? resources : {};
  const annotations = isObject(r.annotations)
    ? Object.entries(r.annotations).map(([k, v]) => [k, String(v)] as const)
    : [];
  const subjects = Array.isArray(userPart.subjects)
    ? userPart.subjects
        .filter(isObject)
        .map((s) => ({ kind: String(s.kind ?? ''), name: String(s.name ?? ''), namespace: String(s.namespace ?? '') }))
    : [];
  const f: CompiledFilter = {
    operations: strings(r.operations),
    kinds: strings(r.kinds)?.map(sharedKindSelector),
    name: typeof r.name === 'string' && r.name !== '' ? r.name : undefined,
    names: strings(r.names),
    namespaces: strings(r.namespaces),
    annotations: annotations.length ? annotations : undefined,
    selector: isObject(r.selector) ? compileSelector(r.selector) : undefined,
    namespaceSelector: isObject(r.namespaceSelector) ? compileSelector(r.namespaceSelector) : undefined,
    roles: strings(userPart.roles),
    clusterRoles: strings(userPart.clusterRoles),
    subjects: subjects.length ? subjects : undefined,
    empty: false,
  };
  const empty = Object.entries(f).every(([k, v]) => k === 'empty' || v === undefined);
  return { ...f, empty };
}

/** Compile a `match` or `exclude` block; undefined when the block is absent or empty. */
export function compileMatch(block: JsonValue | undefined): CompiledMatch | undefined {
  if (!isObject(block)) return undefined;
  const toFilter = (x: JsonValue) => (isObject(x) ? compileFilter(x.resources, x) : compileFilter(undefined, {}));
  let m: Omit<CompiledMatch, 'kindNames'>;
  if (Array.isArray(block.any) && block.any.length > 0) m = { mode: 'any', filters: block.any.map(toFilter) };
  else if (Array.isArray(block.all) && block.all.length > 0) m = { mode: 'all', filters: block.all.map(toFilter) };
  else {
    const f = compileFilter(block.resources, block);
    if (f.empty) return undefined;
    m = { mode: 'legacy', filters: [f] };
  }
  return { ...m, kindNames: kindNamesOf(m.filters) };
}

// A large set repeats a few kind lists (`Pod`, the pod controllers of autogen rules) in thousands of rules, and
// neither a parsed selector nor a set of kind names is ever changed: each is made once per text and shared.
const sharedKindSelector = boundedMemo(1024, parseKindSelector);
const sharedKindNames = boundedMemo(
  1024,
  (names: string): ReadonlySet<string> => new Set(JSON.parse(names) as string[]),
);

function kindNamesOf(filters: readonly CompiledFilter[]): ReadonlySet<string> | undefined {
  const names: string[] = [];
  for (const f of filters) {
    if (!f.kinds) return undefined;
    for (const k of f.kinds) {
      if (k.kind.includes('*') || k.kind.includes('?')) return undefined;
      if (!names.includes(k.kind)) names.push(k.kind);
    }
  }
  return sharedKindNames(JSON.stringify(names.sort()));
}

/** Whether `match` selects the subject (spec §3.5 step 1). */
export function matchSelects(m: CompiledMatch | undefined, s: MatchSubject): boolean {
  return m ? blockHolds(m, s, 'match') : false;
}

/** Whether `exclude` removes the subject (spec §3.5 step 2). */
export function excludeRemoves(m: CompiledMatch | undefined, s: MatchSubject): boolean {
  return m ? blockHolds(m, s, 'exclude') : false;
}

// `all`: every filter holds; `any` and the legacy form: one does. Plain loops: this runs for every rule of every
// policy a request meets.
function blockHolds(m: CompiledMatch, s: MatchSubject, role: 'match' | 'exclude'): boolean {
  const every = m.mode === 'all';
  for (const f of m.filters) if (filterMatches(f, s, role) !== every) return !every;
  return every;
}

function filterMatches(f: CompiledFilter, s: MatchSubject, role: 'match' | 'exclude'): boolean {
  if (f.empty) return false;
  if (f.operations && !f.operations.includes(s.operation)) return false;
  if (f.kinds && !someKindMatches(f.kinds, s.kind)) return false;
  if (f.name !== undefined && !wildcardMatch(f.name, s.name)) return false;
  if (f.names && !matchesAnyPattern(f.names, s.name)) return false;
  if (f.namespaces && !matchesAnyPattern(f.namespaces, s.namespace)) return false;
  if (f.annotations && !annotationsMatch(f.annotations, s.resource)) return false;
  if (f.selector && !f.selector.matches(s.labels)) return false;
  if (f.namespaceSelector && (s.kind.kind === 'Namespace' || !f.namespaceSelector.matches(s.namespaceLabels)))
    return false;
  return userMatches(f, s.user, role);
}

// Plain loops rather than `some` with a closure: filters run for every rule of every policy a request meets.
function someKindMatches(kinds: readonly KindSelector[], kind: ResourceKind): boolean {
  for (const k of kinds) if (kindMatches(k, kind)) return true;
  return false;
}

function userMatches(f: CompiledFilter, user: RequestUser | undefined, role: 'match' | 'exclude'): boolean {
  if (!f.roles && !f.clusterRoles && !f.subjects) return true;
  // Kyverno: without request user info, user criteria are ignored in match and never hold in exclude (§3.2).
  if (!user) return role === 'match';
  return userCriteriaHold(f, user);
}

// Apart from userMatches, which runs for every filter of every rule: closures over `user` there would cost a
// function context on each call, though most filters name no user criteria.
function userCriteriaHold(f: CompiledFilter, user: RequestUser): boolean {
  if (f.roles && !f.roles.some((r) => user.roles.includes(r))) return false;
  if (f.clusterRoles && !f.clusterRoles.some((r) => user.clusterRoles.includes(r))) return false;
  if (f.subjects && !f.subjects.some((sub) => subjectMatches(sub, user))) return false;
  return true;
}

function subjectMatches(sub: Subject, user: RequestUser): boolean {
  switch (sub.kind) {
    case 'User':
      return wildcardMatch(sub.name, user.username);
    case 'Group':
      return user.groups.some((g) => wildcardMatch(sub.name, g));
    case 'ServiceAccount':
      return wildcardMatch(`system:serviceaccount:${sub.namespace}:${sub.name}`, user.username);
    default:
      return false;
  }
}

function annotationsMatch(want: readonly (readonly [string, string])[], resource: JsonObject): boolean {
  const actual = Object.entries(stringMap(metadataOf(resource).annotations));
  return want.every(([k, v]) => actual.some(([k1, v1]) => wildcardMatch(k, k1) && wildcardMatch(v, v1)));
}

function metadataOf(resource: JsonObject): JsonObject {
  return isObject(resource.metadata) ? resource.metadata : {};
}

/** The resource's labels as strings. */
export function labelsOf(resource: JsonObject): Record<string, string> {
  return stringMap(metadataOf(resource).labels);
}

// Kyverno reads labels and annotations with unstructured's GetLabels/GetAnnotations (apimachinery v0.36): a null
// value reads as "", and a map holding any other value that is not a string reads as no map at all.
function stringMap(v: JsonValue | undefined): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x !== 'string') return {};
    out[k] = x ?? '';
  }
  return out;
}
