// Kyverno: spec §1.5 — the effective failure action of a validate rule for a resource.
import { isObject, type JsonValue } from '../../json.js';
import { compileSelector } from '../../match/label-selector.js';
import { wildcardMatch } from '../../primitives/wildcard.js';
import type { FailureAction } from '../../result/rule-result.js';

/** Map Kyverno's action spellings to Audit/Enforce; only `Enforce`/`enforce` enforce. */
export function normalizeAction(v: JsonValue | undefined): FailureAction | undefined {
  if (v === undefined || v === null) return undefined;
  return v === 'Enforce' || v === 'enforce' ? 'Enforce' : v === 'Audit' || v === 'audit' ? 'Audit' : undefined;
}

function overrideAction(
  overrides: JsonValue | undefined,
  namespace: string,
  nsLabels: Readonly<Record<string, string>>,
): FailureAction | undefined {
  if (!Array.isArray(overrides)) return undefined;
  for (const o of overrides) {
    if (!isObject(o)) continue;
    const action = normalizeAction(o.action);
    if (!action) continue;
    const selectorOk = !isObject(o.namespaceSelector) || compileSelector(o.namespaceSelector).matches(nsLabels);
    const listed = Array.isArray(o.namespaces) ? namespaceListed(o.namespaces, namespace) : true;
    if (listed && selectorOk) return action;
  }
  return undefined;
}

// A plain loop: a closure over `namespace` would cost a function context on every call of overrideAction, which
// runs for every validate result.
function namespaceListed(namespaces: readonly JsonValue[], namespace: string): boolean {
  for (const n of namespaces) if (wildcardMatch(String(n), namespace)) return true;
  return false;
}

/** The action in effect: rule overrides, rule action, policy overrides, policy action (default Audit). */
export function effectiveAction(
  rule: { failureAction?: string; failureActionOverrides?: JsonValue },
  spec: { validationFailureAction?: JsonValue; validationFailureActionOverrides?: JsonValue },
  namespace: string,
  nsLabels: Readonly<Record<string, string>>,
): FailureAction {
  return (
    overrideAction(rule.failureActionOverrides, namespace, nsLabels) ??
    normalizeAction(rule.failureAction) ??
    overrideAction(spec.validationFailureActionOverrides, namespace, nsLabels) ??
    normalizeAction(spec.validationFailureAction) ??
    'Audit'
  );
}
