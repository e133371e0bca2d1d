// Kyverno CLI: the CEL policy kinds on one trigger resource, in the order of kyverno-cel-semantics §6.2.
import type { JsonObject } from '../../engine/json.js';
import type { CelPolicyResponse } from '../../engine/cel-policy/types.js';
import { celStageOf, evaluateCelPolicy, type CompiledCelException, type LoadedCelPolicy } from './cel-engine.js';
import { buildCelRequest, type CelRequestInputs } from './cel-request.js';

/** The CEL responses of one resource × operation run. */
export interface CelRun {
  /** Engine responses by policy name, in evaluation order. */
  readonly responses: ReadonlyMap<string, readonly CelPolicyResponse[]>;
  /** The resource after every MutatingPolicy: what each MutatingPolicy response reports (§3.6). */
  readonly patched: JsonObject;
}

/**
 * Run MutatingPolicies in load order (each on the previous output), then ValidatingPolicies (Kubernetes mode
 * first, then JSON mode) and GeneratingPolicies on the mutated resource. `resource` is the output of the classic
 * mutate stage; `original` the trigger as loaded.
 */
export function runCelPolicies(
  policies: readonly LoadedCelPolicy[],
  exceptions: readonly CompiledCelException[],
  inputs: CelRequestInputs,
  resource: JsonObject,
  original: JsonObject,
): CelRun {
  const responses = new Map<string, CelPolicyResponse[]>();
  const record = (rs: readonly CelPolicyResponse[]) => {
    for (const r of rs) responses.set(r.policy, [...(responses.get(r.policy) ?? []), r]);
  };
  let current = resource;
  for (const p of policies.filter((x) => celStageOf(x) === 'mutating')) {
    const rs = evaluateCelPolicy(p, buildCelRequest(current, inputs, original), exceptions);
    record(rs);
    for (const r of rs) if (r.patched) current = r.patched;
  }
  const validating = policies.filter((x) => celStageOf(x) === 'validating');
  const jsonMode = (p: LoadedCelPolicy) => 'mode' in p && p.mode === 'JSON';
  for (const p of [...validating.filter((x) => !jsonMode(x)), ...validating.filter(jsonMode)])
    record(evaluateCelPolicy(p, buildCelRequest(current, inputs, original), exceptions));
  for (const p of policies.filter((x) => celStageOf(x) === 'generating'))
    record(evaluateCelPolicy(p, buildCelRequest(current, inputs, original), exceptions));
  return { responses, patched: current };
}
