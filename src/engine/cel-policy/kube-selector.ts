// Kubernetes metav1.LabelSelector as admission matching uses it: strict validation (no Kyverno wildcards), and an
// invalid selector is an error value rather than a non-match (kyverno-cel-semantics §2.3 step 5).
import { isObject, type JsonValue } from '../json.js';

type Labels = Readonly<Record<string, string>>;

/** A compiled selector: `empty` selectors are skipped by the matcher; `error` is set for invalid selectors. */
export interface KubeSelector {
  readonly empty: boolean;
  readonly error?: string;
  matches(labels: Labels): boolean;
}

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Compiles a LabelSelector (absent or `{}` → empty selector matching everything). */
export function compileKubeSelector(sel: JsonValue | undefined): KubeSelector {
  const obj = isObject(sel) ? sel : {};
  const labels = isObject(obj.matchLabels) ? Object.entries(obj.matchLabels) : [];
  const exprs = Array.isArray(obj.matchExpressions) ? obj.matchExpressions : [];
  const reqs: Requirement[] = [
    ...labels.map(([key, v]) => ({ key, operator: 'In', values: [String(v ?? '')] })),
    ...exprs.map(toRequirement),
  ];
  // The API server's namespace and object matchers report a selector that does not parse as an internal error.
  const invalid = reqs.map(requirementError).find((e) => e !== undefined);
  const error = invalid === undefined ? undefined : `Internal error occurred: ${invalid}`;
  return {
    empty: reqs.length === 0,
    ...(error !== undefined ? { error } : {}),
    matches: (l) => error === undefined && reqs.every((r) => matchRequirement(r, l)),
  };
}

function toRequirement(e: JsonValue): Requirement {
  const o = isObject(e) ? e : {};
  return {
    key: String(o.key ?? ''),
    operator: String(o.operator ?? ''),
    values: Array.isArray(o.values) ? o.values.map((v) => String(v ?? '')) : [],
  };
}

function requirementError(r: Requirement): string | undefined {
  if (!validKey(r.key)) return `key: Invalid value: "${r.key}": name part must consist of alphanumeric characters`;
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if (r.values.length === 0)
      return "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty";
  } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
    if (r.values.length > 0) return 'values: Invalid value: values set must be empty for exists and does not exist';
  } else return `"${r.operator}" is not a valid label selector operator`;
  const bad = r.values.find((v) => v.length > 63 || !VALUE.test(v));
  return bad === undefined
    ? undefined
    : `values[0][${r.key}]: Invalid value: "${bad}": a valid label must be an empty string or consist of alphanumeric characters`;
}

function validKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && NAME.test(name);
}

function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  if (r.operator === 'In') return has && r.values.includes(labels[r.key]);
  if (r.operator === 'NotIn') return !has || !r.values.includes(labels[r.key]);
  if (r.operator === 'Exists') return has;
  return !has;
}
