// Kyverno: spec §2.3, §14.5 step 2 — for one resource: every mutate policy in order, then every validate policy on the
// result; then the CEL policy kinds (kyverno-cel-semantics §6.2).
import { namespaceOfResource } from '../engine/evaluate/match-subject.js';
import { isObject, type JsonObject, type JsonValue } from '../engine/json.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import { evaluateResource, type StageResponse } from '../engine/evaluate/evaluate-resource.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../engine/evaluate/request.js';
import type { LoadedSuite } from './suite.js';
import { celOperation } from './cel/cel-request.js';
import { runCelPolicies, type CelRun } from './cel/cel-pipeline.js';

type Entries = readonly (readonly [string, JsonValue])[];

/** All classic responses of one resource, by policy name. */
export type ResourceRun = ReadonlyMap<string, readonly StageResponse[]>;

/** Classic and CEL responses of one resource × operation run. */
export interface PipelineRun {
  readonly classic: ResourceRun;
  readonly cel?: CelRun;
}

/** Evaluate every policy of the suite on one resource: classic kinds, then the CEL kinds on their output (§6.2). */
export function runPipeline(
  suite: LoadedSuite,
  resource: JsonObject,
  rowOperation: string | undefined,
  env: EvaluationEnv,
): PipelineRun {
  const out = new Map<string, StageResponse[]>();
  const classic = evaluateResource(suite.policies, resource, env, (cp, current) =>
    requestFor(suite, cp, current, rowOperation),
  );
  for (const s of classic.stages) out.set(s.policy.policy.name, [...(out.get(s.policy.policy.name) ?? []), s]);
  if (!suite.cel) return { classic: out };
  const { cel } = suite;
  const inputs = { ...cel.inputs(env.clock), operation: celOperation(rowOperation, cel.globalOperation) };
  return { classic: out, cel: runCelPolicies(cel.policies, cel.exceptions, inputs, classic.resource, resource) };
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
