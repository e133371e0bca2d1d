// Kyverno: spec §8.2 — a policy's mutate rules in order, each seeing the previous result.
import { isObject, type JsonObject } from '../../json.js';
import { exceptionSkipMessage } from '../../exceptions/select.js';
import { substituteDocument } from '../../variables/substitute.js';
import type { PolicyResponse } from '../../result/rule-result.js';
import type { CompiledPolicy } from '../../compile/compile-policy.js';
import type { CompiledRule } from '../../compile/compiled-rule.js';
import { buildBaseContext, type BaseContext } from '../base-context.js';
import { emptyResponse, policyApplies, toResult } from '../evaluate-policy.js';
import type { Outcome } from '../outcome.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../request.js';
import { isOutcome, openRule, type OpenRule } from '../rule-gate.js';
import { applyPatchSpec, mutatedMessage, patchSpecOf, unchangedMessage } from './apply-patch.js';
import { runMutateForeach } from './foreach-mutate.js';
import { mutateTargets, type TargetMutation } from './mutate-existing.js';

/** A policy's mutation response and the resource after its rules. */
export interface MutationResult {
  readonly response: PolicyResponse;
  /** The resource after this policy's mutations (the input when nothing changed). */
  readonly resource: JsonObject | null;
  /** Existing resources patched by rules with `targets`. */
  readonly targets: readonly TargetMutation[];
}

/** Apply the mutate rules of one policy to the request's object. */
export function evaluateMutation(
  cp: CompiledPolicy,
  req: EvaluationRequest,
  env: EvaluationEnv,
  values?: PolicyValues,
): MutationResult {
  const response = emptyResponse(cp, req.object ?? req.oldObject ?? {});
  const targets: TargetMutation[] = [];
  if (!req.object || !policyApplies(cp, req.object)) return { response, resource: req.object, targets };
  let current: JsonObject = req.object;
  const applyOne = cp.policy.spec.applyRules === 'One';
  // The request and its context change only when a rule changed the resource.
  let at: { readonly object: JsonObject; readonly req: EvaluationRequest; readonly base: BaseContext } | undefined;
  for (const rule of cp.rulesForKind(String(current.kind ?? ''))) {
    if (rule.type !== 'mutate' || rule.unsupported) continue;
    if (at?.object !== current) {
      const next: EvaluationRequest = { ...req, object: current };
      at = { object: current, req: next, base: buildBaseContext(next, env, values) };
    }
    const { base } = at;
    const open = openRule(cp, rule, at.req, base, env, values);
    if (!open) continue;
    const mutate = isObject(rule.raw.mutate) ? rule.raw.mutate : {};
    if (mutate.targets !== undefined && !isOutcome(open)) {
      const r = env.cluster ? mutateTargets(rule, open, env.cluster, cp.policy.namespace) : [];
      if (!Array.isArray(r)) response.rules.push(toResult(cp, rule, 'mutate', current, r));
      else for (const t of r) response.rules.push(toResult(cp, rule, 'mutate', t.target, t.outcome));
      if (Array.isArray(r)) targets.push(...r);
      continue;
    }
    const { outcome, resource }: { outcome: Outcome; resource: JsonObject } = isOutcome(open)
      ? { outcome: open, resource: current }
      : mutateRule(rule, open, base.object ?? current, env.loadedTrigger);
    response.rules.push(toResult(cp, rule, 'mutate', resource, outcome));
    // Kyverno: a rule that fails while patching leaves its policy with no resource, so the policy's later rules
    // match nothing and its patches are lost (the errors of the rule gate — context, preconditions — do not).
    if (outcome.status === 'error' && !isOutcome(open)) return { response, resource: req.object, targets };
    current = resource;
    if (applyOne && (outcome.status === 'pass' || outcome.status === 'fail')) break;
  }
  return { response, resource: current, targets };
}

function mutateRule(
  rule: CompiledRule,
  open: OpenRule,
  resource: JsonObject,
  loaded: JsonObject | undefined,
): { outcome: Outcome; resource: JsonObject } {
  const { applied } = open.exceptions;
  if (applied.length > 0)
    return {
      outcome: { status: 'skip', message: exceptionSkipMessage(applied), exceptions: applied.map((e) => e.key) },
      resource,
    };
  const mutate = isObject(rule.raw.mutate) ? rule.raw.mutate : {};
  if (rule.mutateForeach) {
    const run = runMutateForeach(rule.mutateForeach, resource, {
      ctx: open.ctx,
      sources: open.sources,
      ruleValues: open.ruleValues,
      loaded,
    });
    if ('error' in run) return { outcome: { status: 'error', message: run.error }, resource };
    // Kyverno: the entries that changed the resource are counted, not the resource compared with the start.
    if (run.applied === 0) return { outcome: { status: 'skip', message: unchangedMessage(mutate) }, resource };
    return { outcome: { status: 'pass', message: mutatedMessage(run.resource) }, resource: run.resource };
  }
  let substituted;
  try {
    // Kyverno: the whole rule is substituted, so every variable anywhere in it must resolve (spec §8.2).
    substituted = substituteDocument(rule.raw, open.ctx) as JsonObject;
  } catch (e) {
    return {
      outcome: { status: 'error', message: `variable substitution failed: ${(e as Error).message}` },
      resource,
    };
  }
  const patched = applyPatchSpec(resource, patchSpecOf(substituted.mutate));
  if ('error' in patched) return { outcome: { status: 'error', message: patched.error }, resource };
  if (!patched.changed) return { outcome: { status: 'skip', message: unchangedMessage(mutate) }, resource };
  return { outcome: { status: 'pass', message: mutatedMessage(patched.resource) }, resource: patched.resource };
}
