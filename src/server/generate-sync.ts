// Kyverno: spec §9.4 — what Kyverno's background controller does for generate rules after admission, as a plan
// computed from what the cluster holds: downstream objects of `synchronize` rules are kept equal to their data
// (edits reverted, deleted ones recreated) and removed when their trigger is deleted or no longer qualifies;
// `generateExisting` rules generate for triggers that existed before the policy.
import {
  evaluate,
  generateRules,
  isObject,
  type EvaluationServices,
  type GeneratedObject,
  type GenerateRuleInfo,
  type JsonObject,
  type PolicySet,
} from '../engine/index.js';

const LABEL = 'generate.kyverno.io/';

/** What the cluster holds: the objects generate rules may be triggered by, and the downstream objects. */
export interface GenerateSyncState {
  /** Every object of the kinds the generate rules match, with apiVersion and kind set. */
  readonly triggers: readonly JsonObject[];
  /** Objects carrying the `generate.kyverno.io/policy-name` label, with apiVersion and kind set. */
  readonly downstream: readonly JsonObject[];
  /** `group/version/kind` of the trigger kinds that were listed (a trigger of another kind is not known gone). */
  readonly listedKinds: ReadonlySet<string>;
}

/** What to do: objects to server-side apply, downstream objects to delete, and the trigger/rule pairs seen with downstream. */
export interface GenerateSyncPlan {
  readonly apply: readonly GeneratedObject[];
  readonly remove: readonly JsonObject[];
  /** `triggerUid|policy|rule` of every pair that has (or now gets) downstream objects: remembered, a deleted downstream object is recreated. */
  readonly seen: ReadonlySet<string>;
}

/** Plan one round of generate synchronisation; pure (evaluation reads `services.cluster`, which should hold `state`). */
export function planGenerateSync(
  set: PolicySet,
  state: GenerateSyncState,
  services: EvaluationServices,
  remembered: ReadonlySet<string> = new Set(),
): GenerateSyncPlan {
  const rules = new Map(generateRules(set).map((r) => [ruleKey(r.policyNamespace, r.policyName, r.rule), r]));
  const downstreamOf = new Map<string, JsonObject[]>();
  for (const d of state.downstream) {
    const key = downstreamKey(d);
    if (key) downstreamOf.set(key, [...(downstreamOf.get(key) ?? []), d]);
  }
  const apply: GeneratedObject[] = [];
  const remove: JsonObject[] = [];
  const seen = new Set<string>();
  const triggerUids = new Set<string>();

  for (const trigger of state.triggers) {
    const uid = uidOf(trigger);
    if (!uid) continue;
    triggerUids.add(uid);
    // Kyverno processes a trigger in the background as its CREATE request.
    const evaluation = evaluate(set, { origin: 'admission', operation: 'CREATE', object: trigger }, services, {
      stages: ['generate'],
    });
    const byRule = new Map<string, GeneratedObject[]>();
    for (const g of evaluation.generated) {
      const info = ruleOf(rules, set, g);
      if (!info) continue;
      const key = `${uid}|${ruleKey(info.policyNamespace, info.policyName, info.rule)}`;
      byRule.set(key, [...(byRule.get(key) ?? []), g]);
    }
    // Rules that still apply to the trigger (pass), or whose evaluation failed (error: says nothing about it).
    const answered = new Set(
      evaluation.results
        .filter((r) => r.status === 'pass' || r.status === 'error')
        .map((r) => `${r.policy}|${r.rule ?? ''}`),
    );
    for (const [key, info] of rules) {
      const pair = `${uid}|${key}`;
      const wanted = byRule.get(pair) ?? [];
      const existing = downstreamOf.get(pair) ?? [];
      const had = existing.length > 0 || remembered.has(pair);
      const { synchronize, generateExisting } = info.lifecycle;
      const chosen = wanted.filter(
        (g) => g.action === 'update' || (g.action === 'create' && (generateExisting || (synchronize && had))),
      );
      if (chosen.some((g) => !g.cloneSource)) apply.push(...chosen);
      if (existing.length > 0 || chosen.some((g) => !g.cloneSource)) seen.add(pair);
      // The trigger no longer qualifies: a synchronized rule takes its downstream objects back.
      if (synchronize && existing.length > 0 && !answered.has(`${info.policy}|${info.rule}`)) remove.push(...existing);
    }
  }

  // Downstream objects whose trigger is gone: a synchronized rule deletes them with it.
  for (const [pair, objects] of downstreamOf) {
    const [uid, key] = [pair.slice(0, pair.indexOf('|')), pair.slice(pair.indexOf('|') + 1)];
    const info = rules.get(key);
    if (!info?.lifecycle.synchronize || triggerUids.has(uid)) continue;
    const listed = objects.filter((o) => state.listedKinds.has(triggerKindOf(o)));
    remove.push(...listed);
  }
  return { apply, remove, seen };
}

function ruleOf(rules: Map<string, GenerateRuleInfo>, set: PolicySet, g: GeneratedObject) {
  const policy = set.policy(g.policy);
  return policy ? rules.get(ruleKey(policy.namespace, policy.name, g.rule)) : undefined;
}

function ruleKey(policyNamespace: string, policyName: string, rule: string): string {
  return `${policyNamespace}/${policyName}/${rule}`;
}

function labelsOf(o: JsonObject): Record<string, unknown> {
  const md = isObject(o.metadata) ? o.metadata : {};
  return isObject(md.labels) ? md.labels : {};
}

// `triggerUid|policyNamespace/policyName/rule` from a downstream object's labels.
function downstreamKey(o: JsonObject): string | undefined {
  const l = labelsOf(o);
  const uid = l[`${LABEL}trigger-uid`];
  const name = l[`${LABEL}policy-name`];
  if (typeof uid !== 'string' || uid === '' || typeof name !== 'string') return undefined;
  const ns = typeof l[`${LABEL}policy-namespace`] === 'string' ? String(l[`${LABEL}policy-namespace`]) : '';
  const rule = typeof l[`${LABEL}rule-name`] === 'string' ? String(l[`${LABEL}rule-name`]) : '';
  return `${uid}|${ruleKey(ns, name, rule)}`;
}

function triggerKindOf(o: JsonObject): string {
  const l = labelsOf(o);
  return `${String(l[`${LABEL}trigger-group`] ?? '')}/${String(l[`${LABEL}trigger-version`] ?? '')}/${String(l[`${LABEL}trigger-kind`] ?? '')}`;
}

function uidOf(o: JsonObject): string {
  const md = isObject(o.metadata) ? o.metadata : {};
  return typeof md.uid === 'string' ? md.uid : '';
}
