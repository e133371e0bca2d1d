// Kyverno: spec §9.2–9.3 — generate rules: status from match/preconditions, then the downstream resources.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { evaluateConditions } from '../../conditions/conditions.js';
import { registerContextEntries, type ContextSources } from '../../context/entries.js';
import { applicableExceptions } from '../../exceptions/select.js';
import { buildGeneratedResources, type GeneratedResource, type GenerateLifecycle } from '../../generate/index.js';
import { substituteDocument } from '../../variables/substitute.js';
import type { PolicyResponse } from '../../result/rule-result.js';
import type { CompiledPolicy } from '../../compile/compile-policy.js';
import type { CompiledGenerateForeach, CompiledRule } from '../../compile/compiled-rule.js';
import { buildBaseContext, type BaseContext } from '../base-context.js';
import { emptyResponse, policyApplies, toResult } from '../evaluate-policy.js';
import { matchSubjectOf } from '../match-subject.js';
import type { Outcome } from '../outcome.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../request.js';
import { isOutcome, openRule, selectedSubject } from '../rule-gate.js';

/** A policy's generate response and the resources its rules want, by rule name. */
export interface GenerationResult {
  readonly response: PolicyResponse;
  readonly generated: ReadonlyMap<string, readonly GeneratedResource[]>;
}

/** Evaluate the generate rules of one policy for a trigger. */
export function evaluateGeneration(
  cp: CompiledPolicy,
  req: EvaluationRequest,
  env: EvaluationEnv,
  values?: PolicyValues,
): GenerationResult {
  const base = buildBaseContext(req, env, values);
  const trigger = base.object ?? base.oldObject ?? {};
  const response = emptyResponse(cp, trigger);
  const generated = new Map<string, GeneratedResource[]>();
  if (!policyApplies(cp, trigger)) return { response, generated };
  for (const rule of cp.rulesForKind(String(trigger.kind ?? ''))) {
    if (rule.type !== 'generate' || rule.unsupported) continue;
    const r = generateRule(cp, rule, req, base, env, values);
    if (!r) continue;
    response.rules.push(toResult(cp, rule, 'generate', trigger, r.outcome));
    if (r.resources.length) generated.set(rule.name, r.resources);
  }
  return { response, generated };
}

function generateRule(
  cp: CompiledPolicy,
  rule: CompiledRule,
  req: EvaluationRequest,
  base: BaseContext,
  env: EvaluationEnv,
  values: PolicyValues | undefined,
): { outcome: Outcome; resources: GeneratedResource[] } | undefined {
  const none: GeneratedResource[] = [];
  // Kyverno: for generate rules the exception check comes before match and preconditions (spec §11.2).
  const trigger = base.object ?? base.oldObject;
  const candidates = trigger ? (env.exceptions?.candidates(cp.policy.key, rule.name) ?? []) : [];
  if (trigger && candidates.length) {
    const subject = matchSubjectOf(trigger, req, base.operation, env.memo);
    const ctx = base.ctx.fork(); // the base is shared by every policy of the request: read it through a fork
    const { applied } = applicableExceptions(candidates, subject, (v) => substituteDocument(v, ctx), env.clock.now());
    if (applied.length)
      return {
        outcome: {
          status: 'skip',
          message: `rule is skipped due to policy exception ${applied.map((e) => e.key).join(', ')}`,
          exceptions: applied.map((e) => e.key),
        },
        resources: none,
      };
  }
  const open = openRule(cp, rule, req, base, env, values);
  if (!open) {
    // Kyverno: the new object no longer matches but the old one did → fail (downstream clean-up).
    const oldBase = base.oldObject && base.object ? { ...base, object: base.oldObject } : undefined;
    return oldBase && selectedSubject(rule, oldBase, req, env)
      ? { outcome: { status: 'fail', message: 'trigger no longer matches the rule' }, resources: none }
      : undefined;
  }
  if (isOutcome(open)) {
    if (open.status === 'skip' && base.oldObject && base.object && oldPreconditionsHeld(rule, base, env))
      return { outcome: { status: 'fail', message: 'preconditions no longer met for the trigger' }, resources: none };
    return { outcome: open, resources: none };
  }
  return runGenerate(cp, rule, open.ctx, trigger ?? {}, env);
}

function oldPreconditionsHeld(rule: CompiledRule, base: BaseContext, env: EvaluationEnv): boolean {
  const ctx = base.ctx.fork();
  ctx.setPath('request.object', base.oldObject);
  registerContextEntries(rule.context, ctx, { cluster: env.cluster, policyNamespace: '' });
  try {
    return evaluateConditions(rule.preconditions, ctx).result;
  } catch {
    return false;
  }
}

function runGenerate(
  cp: CompiledPolicy,
  rule: CompiledRule,
  ctx: BaseContext['ctx'],
  trigger: JsonObject,
  env: EvaluationEnv,
): { outcome: Outcome; resources: GeneratedResource[] } {
  const spec = isObject(rule.raw.generate) ? rule.raw.generate : {};
  const info = { name: cp.policy.name, namespace: cp.policy.namespace, rule: rule.name };
  const cluster = env.cluster;
  if (!cluster)
    return {
      outcome: { status: 'pass', message: 'generate rule applies (no cluster state to build resources from)' },
      resources: [],
    };
  try {
    const resources: GeneratedResource[] = [];
    const lifecycle = generateLifecycle(spec, cp.policy.spec);
    const sources = { cluster, policyNamespace: cp.policy.namespace };
    for (const item of generateItems(spec, rule.generateForeach, ctx, sources))
      for (const g of buildGeneratedResources(item, { resource: trigger }, info, cluster))
        resources.push(g.cloneSource ? g : { ...g, lifecycle });
    const notes = resources
      .filter((r) => r.action === 'none' && r.reason)
      .map((r) => `${describe(r.resource)}: ${r.reason}`);
    const message = `generate rule ${rule.name} applies${notes.length ? `; ${notes.join('; ')}` : ''}`;
    return { outcome: { status: 'pass', message }, resources };
  } catch (e) {
    return {
      outcome: { status: 'error', message: `failed to generate resources: ${(e as Error).message}` },
      resources: [],
    };
  }
}

// One substituted generate block per target: the rule's own, or one per foreach element.
function generateItems(
  spec: JsonObject,
  foreach: readonly CompiledGenerateForeach[] | undefined,
  ctx: BaseContext['ctx'],
  sources: ContextSources,
): JsonObject[] {
  if (!foreach) return [substituteDocument(spec, ctx, ['generate']) as JsonObject];
  const items: JsonObject[] = [];
  for (const fe of foreach) {
    const list = ctx.query(fe.list);
    const elements: JsonValue[] = Array.isArray(list) ? list : [list];
    elements.forEach((element, i) => {
      if (element === null) return;
      const ectx = ctx.fork();
      ectx.set('element', element);
      ectx.set('elementIndex', i);
      registerContextEntries(fe.context, ectx, sources);
      if (fe.preconditions !== undefined && !evaluateConditions(fe.preconditions, ectx).result) return;
      items.push({
        ...(substituteDocument({ ...spec, foreach: null, ...fe.body }, ectx, ['generate']) as JsonObject),
        foreach: null,
      });
    });
  }
  return items.map(({ foreach: _f, ...rest }) => rest);
}

function describe(r: JsonObject): string {
  const md = isObject(r.metadata) ? r.metadata : {};
  return `${String(r.kind)} ${md.namespace ? `${String(md.namespace)}/` : ''}${String(md.name ?? '')}`;
}

/** A generate rule's lifecycle settings; `generateExisting` may also be set for the whole policy. */
export function generateLifecycle(generate: JsonObject, policySpec: JsonObject): GenerateLifecycle {
  return {
    synchronize: generate.synchronize === true,
    generateExisting: (generate.generateExisting ?? policySpec.generateExisting) === true,
    orphanDownstreamOnPolicyDelete: generate.orphanDownstreamOnPolicyDelete === true,
  };
}
