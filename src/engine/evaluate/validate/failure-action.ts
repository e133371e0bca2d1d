// Kyverno: spec §1.5 — the effective failure action of a validate rule for a resource.
import { isObject, type JsonValue } from '../../json.js';
import { compileSelector, type CompiledSelector } from '../../match/label-selector.js';
import { wildcardMatch } from '../../primitives/wildcard.js';
import type { FailureAction } from '../../result/rule-result.js';

/** Map Kyverno's action spellings to Audit/Enforce; only `Enforce`/`enforce` enforce. */
export function normalizeAction(v: JsonValue | undefined): FailureAction | undefined {
  if (v === undefined || v === null) return undefined;
  return v === 'Enforce' || v === 'enforce' ? 'Enforce' : v === 'Audit' || v === 'audit' ? 'Audit' : undefined;
}

/** One failure-action override, compiled when the policy loads: its action, and the namespaces it holds in. */
export interface ActionOverride {
  readonly action: FailureAction;
  /** Namespace names or wildcards; undefined: every namespace. */
  readonly namespaces?: readonly string[];
  /** Undefined: any namespace labels. */
  readonly namespaceSelector?: CompiledSelector;
}

/** A rule's or a policy's actions as written: the action, and the overrides that take precedence over it. */
export interface ActionSettings {
  readonly failureAction?: JsonValue;
  readonly actionOverrides: readonly ActionOverride[];
}

const NO_OVERRIDES: readonly ActionOverride[] = [];

/** Compile `failureActionOverrides` / `validationFailureActionOverrides`; entries without a known action never apply. */
export function compileActionOverrides(v: JsonValue | undefined): readonly ActionOverride[] {
  if (!Array.isArray(v)) return NO_OVERRIDES;
  const out: ActionOverride[] = [];
  for (const o of v) {
    if (!isObject(o)) continue;
    const action = normalizeAction(o.action);
    if (!action) continue;
    out.push({
      action,
      namespaces: Array.isArray(o.namespaces) ? o.namespaces.map(String) : undefined,
      namespaceSelector: isObject(o.namespaceSelector) ? compileSelector(o.namespaceSelector) : undefined,
    });
  }
  return out.length ? out : NO_OVERRIDES;
}

/** The action of the first override that holds in the namespace. */
function overrideAction(
  overrides: readonly ActionOverride[],
  namespace: string,
  nsLabels: Readonly<Record<string, string>>,
): FailureAction | undefined {
  for (const o of overrides) {
    if (o.namespaces && !namespaceListed(o.namespaces, namespace)) continue;
    if (o.namespaceSelector && !o.namespaceSelector.matches(nsLabels)) continue;
    return o.action;
  }
  return undefined;
}

// A plain loop: a closure over `namespace` would cost a function context on every call of overrideAction, which
// runs for every validate result.
function namespaceListed(namespaces: readonly string[], namespace: string): boolean {
  for (const n of namespaces) if (wildcardMatch(n, namespace)) return true;
  return false;
}

/** The action in effect: rule overrides, rule action, policy overrides, policy action (default Audit). */
export function effectiveAction(
  rule: ActionSettings,
  policy: ActionSettings,
  namespace: string,
  nsLabels: Readonly<Record<string, string>>,
): FailureAction {
  return (
    overrideAction(rule.actionOverrides, namespace, nsLabels) ??
    normalizeAction(rule.failureAction) ??
    overrideAction(policy.actionOverrides, namespace, nsLabels) ??
    normalizeAction(policy.failureAction) ??
    'Audit'
  );
}
