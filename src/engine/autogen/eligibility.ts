// Kyverno: spec §10.1 — whether a policy is considered for auto-generation at all.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { containsKind, kindList, POD_CONTROLLERS, resourceDescriptions } from './kinds.js';

// Exact strings only: `v1/Pod` or `apps/v1/Deployment` do not make autogen "needed".
const NEEDED_KINDS = new Set<string>([...POD_CONTROLLERS, 'Pod']);

/** True when every rule allows auto-generation and at least one mentions Pod or a controller kind. */
export function policyAllowsAutogen(rules: readonly JsonObject[]): boolean {
  if (rules.some(blocksAutogen)) return false;
  const descriptions = rules.flatMap((r) => [...resourceDescriptions(r.match), ...resourceDescriptions(r.exclude)]);
  if (!descriptions.every(descriptionAllowsAutogen)) return false;
  return descriptions.some((d) => kindList(d.kinds).some((k) => NEEDED_KINDS.has(k)));
}

/** Generate rules and JSON6902 patches (rule level or in mutate foreach) disable autogen for the policy. */
function blocksAutogen(rule: JsonObject): boolean {
  if (isObject(rule.generate) && Object.keys(rule.generate).length > 0) return true;
  const mutate = rule.mutate;
  if (!isObject(mutate)) return false;
  if (nonEmptyString(mutate.patchesJson6902)) return true;
  return Array.isArray(mutate.foreach) && mutate.foreach.some((f) => isObject(f) && nonEmptyString(f.patchesJson6902));
}

/** Names, selectors and annotations may not apply to controllers; `Pod` mixed with other kinds is ambiguous. */
function descriptionAllowsAutogen(d: JsonObject): boolean {
  if (nonEmptyString(d.name)) return false;
  if (Array.isArray(d.names) && d.names.length > 0) return false;
  if (present(d.selector) || present(d.annotations)) return false;
  const kinds = kindList(d.kinds);
  return !(kinds.length > 1 && containsKind(kinds, 'Pod'));
}

function nonEmptyString(v: JsonValue | undefined): boolean {
  return typeof v === 'string' && v !== '';
}

// Kyverno checks `!= nil`: even an empty `selector: {}` or `annotations: {}` disqualifies.
function present(v: JsonValue | undefined): boolean {
  return v !== undefined && v !== null;
}
