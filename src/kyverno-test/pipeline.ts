// Kyverno: spec §2.3, §14.5 step 2 — for one resource: every mutate policy in order, then every validate policy on the result.
import { namespaceOfResource } from '../engine/evaluate/match-subject.js';
import { isObject, type JsonObject, type JsonValue } from '../engine/json.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import { evaluateResource, type StageResponse } from '../engine/evaluate/evaluate-resource.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../engine/evaluate/request.js';
import type { LoadedSuite } from './suite.js';

type Entries = readonly (readonly [string, JsonValue])[];

/** All responses of one resource, by policy name. */
export type ResourceRun = ReadonlyMap<string, readonly StageResponse[]>;

/** Evaluate every policy of the suite on one resource. */
export function runPipeline(
  suite: LoadedSuite,
  resource: JsonObject,
  rowOperation: string | undefined,
  env: EvaluationEnv,
): ResourceRun {
  const out = new Map<string, StageResponse[]>();
  const { stages } = evaluateResource(suite.policies, resource, env, (cp, current) =>
    requestFor(suite, cp, current, rowOperation),
  );
  for (const s of stages) out.set(s.policy.policy.name, [...(out.get(s.policy.policy.name) ?? []), s]);
  return out;
}

function requestFor(
  suite: LoadedSuite,
  cp: CompiledPolicy,
  resource: JsonObject,
  rowOperation: string | undefined,
): { req: EvaluationRequest; values: PolicyValues } {
  const values = policyValues(suite, cp, resource);
  const fromValues = [...values.context].reverse().find(([k]) => k === 'request.operation')?.[1];
  const operation = rowOperation ?? (typeof fromValues === 'string' ? fromValues : 'CREATE');
  const context = rowOperation ? values.context.filter(([k]) => k !== 'request.operation') : values.context;
  const req: EvaluationRequest = {
    operation,
    object: operation === 'DELETE' ? null : resource,
    oldObject: operation === 'UPDATE' || operation === 'DELETE' ? resource : undefined,
    user: suite.user,
    namespaceLabels: suite.values?.namespaceLabels.get(namespaceOfResource(resource)) ?? {},
  };
  return { req, values: { context, rules: values.rules } };
}

function policyValues(suite: LoadedSuite, cp: CompiledPolicy, resource: JsonObject): PolicyValues {
  const v = suite.values;
  if (!v) return { context: [], rules: new Map() };
  const pv = v.policies.get(cp.policy.name) ?? v.policies.get(cp.policy.key);
  const perResource: Entries = pv?.resources.get(nameOf(resource)) ?? [];
  return { context: [...v.global, ...perResource], rules: pv?.rules ?? new Map() };
}

/** metadata.name of a resource. */
export function nameOf(r: JsonObject): string {
  return isObject(r.metadata) ? String(r.metadata.name ?? '') : '';
}
