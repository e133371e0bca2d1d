// Kyverno: spec §8.6 — mutate existing resources: rule `targets` are read from the cluster and patched one by one.
import { deepEqual, isObject, type JsonObject } from '../../json.js';
import { evaluateConditions } from '../../conditions/conditions.js';
import { registerContextEntries } from '../../context/entries.js';
import { compileSelector } from '../../match/label-selector.js';
import { labelsOf } from '../../match/match.js';
import { wildcardMatch } from '../../primitives/wildcard.js';
import { substituteDocument } from '../../variables/substitute.js';
import type { ClusterReader } from '../../ports.js';
import type { Outcome } from '../outcome.js';
import type { OpenRule } from '../rule-gate.js';
import { applyPatchDocument, mutatedMessage, patchDocumentOf, unchangedMessage } from './apply-patch.js';
import { runMutateForeach } from './foreach-mutate.js';
import type { CompiledMutateTarget, CompiledRule } from '../../compile/compiled-rule.js';

/** One patched (or skipped) target. */
export interface TargetMutation {
  readonly target: JsonObject;
  readonly outcome: Outcome;
  readonly patched: JsonObject;
}

/** Find each target of the rule in the cluster and patch it; one result per target. */
export function mutateTargets(
  rule: CompiledRule,
  open: OpenRule,
  cluster: ClusterReader,
  policyNamespace: string,
): TargetMutation[] | Outcome {
  const out: TargetMutation[] = [];
  for (const spec of rule.mutateTargets ?? []) {
    let found: JsonObject[];
    try {
      found = findTargets(spec.lookup, open, cluster, policyNamespace);
    } catch (e) {
      return { status: 'error', message: `failed to load targets: ${(e as Error).message}` };
    }
    for (const target of found) out.push(mutateOne(rule, spec, target, open));
  }
  return out;
}

function findTargets(
  lookup: JsonObject,
  open: OpenRule,
  cluster: ClusterReader,
  policyNamespace: string,
): JsonObject[] {
  const s = substituteDocument(lookup, open.ctx, ['mutate', 'targets']) as JsonObject;
  // Kyverno: a namespaced Policy only mutates targets in its own namespace.
  const namespace = policyNamespace || String(s.namespace ?? '');
  const selector = isObject(s.selector) ? compileSelector(s.selector) : undefined;
  const labels =
    isObject(s.selector) && isObject(s.selector.matchLabels)
      ? (s.selector.matchLabels as Record<string, string>)
      : undefined;
  return cluster
    .listResources(String(s.apiVersion ?? ''), String(s.kind ?? ''), namespace, labels)
    .filter((t) => !s.name || wildcardMatch(String(s.name), String((t.metadata as JsonObject | undefined)?.name ?? '')))
    .filter((t) => !selector || selector.matches(labelsOf(t)));
}

function mutateOne(rule: CompiledRule, spec: CompiledMutateTarget, target: JsonObject, open: OpenRule): TargetMutation {
  const ctx = open.ctx.fork();
  ctx.set('target', target);
  registerContextEntries(spec.context, ctx, open.sources);
  const done = (outcome: Outcome, patched = target) => ({ target, outcome, patched });
  if (spec.preconditions !== undefined) {
    try {
      if (!evaluateConditions(spec.preconditions, ctx).result)
        return done({ status: 'skip', message: 'preconditions not met' });
    } catch (e) {
      return done({ status: 'error', message: `failed to evaluate preconditions: ${(e as Error).message}` });
    }
  }
  const mutate = isObject(rule.raw.mutate) ? rule.raw.mutate : {};
  let patched: { resource: JsonObject } | { error: string };
  if (rule.mutateForeach)
    patched = runMutateForeach(rule.mutateForeach, target, { ctx, sources: open.sources, ruleValues: open.ruleValues });
  else {
    try {
      patched = applyPatchDocument(target, substituteDocument(patchDocumentOf(mutate), ctx, ['mutate']));
    } catch (e) {
      return done({ status: 'error', message: `variable substitution failed: ${(e as Error).message}` });
    }
  }
  if ('error' in patched) return done({ status: 'error', message: patched.error });
  if (deepEqual(patched.resource, target)) return done({ status: 'skip', message: unchangedMessage(mutate) });
  return done({ status: 'pass', message: mutatedMessage(patched.resource) }, patched.resource);
}
