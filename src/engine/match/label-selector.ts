// Kubernetes label selectors, with Kyverno's wildcard extension for matchLabels (spec §3.4).
import { isObject, type JsonValue } from '../json.js';
import { hasWildcard, wildcardMatch } from '../primitives/wildcard.js';

type Labels = Readonly<Record<string, string>>;

interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A label `key: value`. */
export type LabelPair = readonly [key: string, value: string];

/** A label selector ready to test label sets. */
export interface CompiledSelector {
  matches(labels: Labels): boolean;
  /** Pairs one of which every label set the selector matches carries; undefined when it needs none. */
  readonly required?: readonly LabelPair[];
}

/** Problems that make a selector invalid (returned, not thrown), for policy validation. */
export function checkSelector(sel: JsonValue): string[] {
  if (!isObject(sel)) return ['selector must be an object'];
  const problems: string[] = [];
  const ml = sel.matchLabels;
  if (ml !== undefined && ml !== null && !isObject(ml)) problems.push('matchLabels must be a map of strings');
  const me = sel.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) problems.push('matchExpressions must be a list');
    else
      me.forEach((e, i) => {
        if (!isObject(e) || typeof e.key !== 'string') problems.push(`matchExpressions[${i}].key is required`);
        else if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(e.operator)))
          problems.push(`matchExpressions[${i}].operator "${String(e.operator)}" is not a valid selector operator`);
        else if ((e.operator === 'In' || e.operator === 'NotIn') && (!Array.isArray(e.values) || e.values.length === 0))
          problems.push(`matchExpressions[${i}].values must be non-empty for operator ${e.operator}`);
      });
  }
  return problems;
}

/** Compile a LabelSelector object. An empty selector matches every label set. */
export function compileSelector(sel: JsonValue): CompiledSelector {
  const obj = isObject(sel) ? sel : {};
  const matchLabels: LabelEntry[] = isObject(obj.matchLabels)
    ? Object.entries(obj.matchLabels).map(([key, v]) => {
        const value = String(v ?? '');
        return { key, value, wildcard: hasWildcard(key) || hasWildcard(value) };
      })
    : [];
  const reqs: Requirement[] = Array.isArray(obj.matchExpressions)
    ? obj.matchExpressions.filter(isObject).map((e) => ({
        key: String(e.key),
        operator: e.operator as Requirement['operator'],
        values: Array.isArray(e.values) ? e.values.map(String) : [],
      }))
    : [];
  return {
    required: requiredPairs(matchLabels, reqs),
    // Plain loops: selectors run for every rule of every policy a request meets.
    matches(labels: Labels): boolean {
      for (const entry of matchLabels) if (!matchLabel(entry, labels)) return false;
      for (const r of reqs) if (!matchRequirement(r, labels)) return false;
      return true;
    },
  };
}

// One exact matchLabels entry is needed as it is; an `In` requirement needs its key with one of its values.
// Wildcard entries match label sets that carry neither, so they need nothing known in advance.
function requiredPairs(matchLabels: readonly LabelEntry[], reqs: readonly Requirement[]): LabelPair[] | undefined {
  const exact = matchLabels.find((e) => !e.wildcard);
  if (exact) return [[exact.key, exact.value]];
  const among = reqs.find((r) => r.operator === 'In');
  return among ? among.values.map((v) => [among.key, v] as const) : undefined;
}

// A matchLabels entry; whether it has a wildcard is decided once, at compile.
interface LabelEntry {
  readonly key: string;
  readonly value: string;
  readonly wildcard: boolean;
}

function matchLabel(entry: LabelEntry, labels: Labels): boolean {
  if (!entry.wildcard) return Object.hasOwn(labels, entry.key) && labels[entry.key] === entry.value;
  // Kyverno: a wildcard entry is replaced by the first actual label matching both key and value.
  for (const [k, v] of Object.entries(labels)) {
    if (wildcardMatch(entry.key, k) && wildcardMatch(entry.value, v)) return true;
  }
  return false;
}

function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}
