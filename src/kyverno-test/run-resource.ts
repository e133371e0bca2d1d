// Kyverno: spec §14.5 step 2, kyverno-cel-semantics §6.2–6.3 — one resource of a suite through the engine, for one
// row operation: the suite's values, user, namespaces and offline cluster as the engine's services.
import {
  cliRequest,
  evaluate,
  isObject,
  namespaceOfResource,
  type Clock,
  type Evaluation,
  type JsonObject,
  type JsonValue,
  type LoadedPolicy,
  type PolicyValues,
} from '../engine/index.js';
import type { LoadedSuite } from './suite.js';

type Entries = readonly (readonly [string, JsonValue])[];

/** Evaluate every policy of the suite on one resource. */
export function runResource(
  suite: LoadedSuite,
  resource: JsonObject,
  rowOperation: string | undefined,
  clock: Clock,
): Evaluation {
  const request = cliRequest(resource, {
    operation: celOperation(rowOperation, suite.cel?.globalOperation),
    user: suite.user,
    namespaceLabels: suite.values?.namespaceLabels.get(namespaceOfResource(resource)) ?? {},
  });
  return evaluate(suite.policySet, request, {
    clock,
    cluster: suite.cluster,
    namespaces: (name) => suite.values?.namespaceObjects.get(name),
    cel: suite.cel?.services(clock),
    restMapping: suite.cel?.restMapping,
    values: (policy, current) => policyValues(suite, policy, current, rowOperation),
  });
}

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE']);

/** The operation of a run: the row's, else `request.operation` of globalValues when valid, else CREATE (§6.3). */
export function celOperation(rowOperation: string | undefined, globalValue: JsonValue | undefined): string {
  for (const op of [rowOperation, globalValue])
    if (typeof op === 'string' && OPERATIONS.has(op.toUpperCase())) return op.toUpperCase();
  // Kyverno: CONNECT (or anything else) in the values file is simulated as CREATE.
  return 'CREATE';
}

// Kyverno: spec §14.3 — a classic policy's values: globalValues, then the resource's; `request.operation` among them
// picks the operation unless the row names one.
function policyValues(
  suite: LoadedSuite,
  policy: LoadedPolicy,
  resource: JsonObject,
  rowOperation: string | undefined,
): PolicyValues {
  const v = suite.values;
  const pv = v?.policies.get(policy.name) ?? v?.policies.get(policy.key);
  const perResource: Entries = pv?.resources.get(nameOf(resource)) ?? [];
  const context: Entries = v ? [...v.global, ...perResource] : [];
  const fromValues = [...context].reverse().find(([k]) => k === 'request.operation')?.[1];
  return {
    operation: rowOperation ?? (typeof fromValues === 'string' ? fromValues : 'CREATE'),
    context: rowOperation ? context.filter(([k]) => k !== 'request.operation') : context,
    rules: pv?.rules ?? new Map(),
  };
}

/** metadata.name of a resource. */
export function nameOf(r: JsonObject): string {
  return isObject(r.metadata) ? String(r.metadata.name ?? '') : '';
}
