// Kyverno: spec §2.3 — one resource through every policy: all mutate policies in order, then validation on the result.
import type { JsonObject } from '../json.js';
import type { PolicyResponse } from '../result/rule-result.js';
import type { CompiledPolicy } from '../compile/compile-policy.js';
import { evaluateValidation } from './evaluate-policy.js';
import { evaluateMutation } from './mutate/evaluate-mutation.js';
import type { TargetMutation } from './mutate/mutate-existing.js';
import { evaluateGeneration } from './generate/evaluate-generation.js';
import type { GeneratedResource } from '../generate/index.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from './request.js';

/** One engine response with the resource it left behind. */
export interface StageResponse {
  readonly policy: CompiledPolicy;
  readonly stage: 'mutate' | 'validate' | 'generate';
  readonly response: PolicyResponse;
  /** The resource after this response (all mutations so far). */
  readonly resource: JsonObject | null;
  /** Mutate stage: existing resources patched by rules with `targets`. */
  readonly targets?: readonly TargetMutation[];
  /** Generate stage: downstream resources by rule name. */
  readonly generated?: ReadonlyMap<string, readonly GeneratedResource[]>;
}

/** Builds the request (and test values) a policy sees for the resource as it currently stands. */
export type RequestFor = (cp: CompiledPolicy, current: JsonObject) => { req: EvaluationRequest; values?: PolicyValues };

/** Evaluate every policy on one resource; the last mutated state is `resource`. */
export function evaluateResource(
  policies: readonly CompiledPolicy[],
  resource: JsonObject,
  env: EvaluationEnv,
  requestFor: RequestFor,
): { stages: StageResponse[]; resource: JsonObject } {
  const stages: StageResponse[] = [];
  let current = resource;
  for (const policy of policies) {
    if (!policy.rules.some((r) => r.type === 'mutate')) continue;
    const { req, values } = requestFor(policy, current);
    const r = evaluateMutation(policy, req, env, values);
    stages.push({ policy, stage: 'mutate', response: r.response, resource: r.resource ?? current, targets: r.targets });
    if (r.resource) current = r.resource;
  }
  for (const policy of policies) {
    const { req, values } = requestFor(policy, current);
    stages.push({
      policy,
      stage: 'validate',
      response: evaluateValidation(policy, req, env, values),
      resource: current,
    });
  }
  for (const policy of policies) {
    if (!policy.rules.some((r) => r.type === 'generate')) continue;
    const { req, values } = requestFor(policy, current);
    const g = evaluateGeneration(policy, req, env, values);
    // Kyverno: a generate response exists only when some generate rule responded (spec §14.5).
    if (g.response.rules.length)
      stages.push({ policy, stage: 'generate', response: g.response, resource: current, generated: g.generated });
  }
  return { stages, resource: current };
}

/** CREATE requests for offline runs, one per object state, so every policy shares the request's context parts. */
export function createRequests(): RequestFor {
  const requests = new WeakMap<JsonObject, EvaluationRequest>();
  return (_cp, current) => {
    let req = requests.get(current);
    if (!req) {
      req = { operation: 'CREATE', object: current };
      requests.set(current, req);
    }
    return { req };
  };
}
