// The CEL policy kinds in `tollgate apply` and `tollgate check`: a CREATE request per resource, the given
// resources as the offline cluster (kyverno-cel-semantics §6.2, §6.6), results flattened like classic ones.
import { celPolicyKey, validationActionsOf } from '../../engine/cel-policy/policy-traits.js';
import { UNSUPPORTED_KIND } from '../../engine/cel-policy/load.js';
import type { JsonObject } from '../../engine/json.js';
import type { Clock } from '../../engine/ports.js';
import type { Diagnostic } from '../../engine/result/diagnostic.js';
import type { FailureAction, RuleResult } from '../../engine/result/rule-result.js';
import type { SourceDocument } from '../../engine/source/documents.js';
import { compileCelException, loadCelPolicy, type CompiledCelException, type LoadedCelPolicy } from './cel-engine.js';
import { runCelPolicies } from './cel-pipeline.js';
import type { CelRequestInputs } from './cel-request.js';
import { decodeHttpMocks, mockHttpService } from './http-mocks.js';
import { fakeClusterResourceService } from './resource-services.js';

/** CEL policies and exceptions ready to evaluate, and the load problems of those set aside. */
export interface OfflineCelPolicies {
  readonly policies: readonly LoadedCelPolicy[];
  readonly exceptions: readonly CompiledCelException[];
  readonly diagnostics: readonly Diagnostic[];
  /** Documents of policies.kyverno.io kinds Tollgate does not evaluate yet (ImageValidatingPolicy, DeletingPolicy). */
  readonly unsupported: readonly Diagnostic[];
}

function isUnsupportedKind(d: Diagnostic): boolean {
  return d.code === UNSUPPORTED_KIND;
}

/** What the CEL kinds did to one resource. */
export interface OfflineCelResult {
  readonly results: RuleResult[];
  /** The resource after every MutatingPolicy. */
  readonly patched: JsonObject;
  readonly generated: { readonly policy: string; readonly resource: JsonObject }[];
}

/** Load CEL policy and exception documents; those with problems are left out and their diagnostics returned. */
export function loadOfflineCelPolicies(
  policyDocs: readonly SourceDocument[],
  exceptionDocs: readonly SourceDocument[],
): OfflineCelPolicies {
  const policies = policyDocs.map(loadCelPolicy);
  const exceptions = exceptionDocs.map(compileCelException);
  const all = [...policies, ...exceptions].flatMap((p) => p.diagnostics);
  return {
    policies: policies.filter((p) => p.diagnostics.length === 0),
    exceptions: exceptions.filter((e) => e.diagnostics.length === 0),
    diagnostics: all.filter((d) => !isUnsupportedKind(d)),
    unsupported: all.filter(isUnsupportedKind),
  };
}

export { celPolicyKey };

/** Enforce when a ValidatingPolicy's `validationActions` include Deny (the default when empty), else Audit. */
export function celFailureAction(p: LoadedCelPolicy): FailureAction {
  return validationActionsOf(p).has('Deny') ? 'Enforce' : 'Audit';
}

/** Request inputs of a CREATE with `objects` as the cluster (no user, no namespace objects, no HTTP mocks). */
export function offlineCelInputs(objects: readonly JsonObject[], clock: Clock): CelRequestInputs {
  return {
    operation: 'CREATE',
    namespaces: new Map(),
    subresources: [],
    services: {
      resources: fakeClusterResourceService(objects),
      http: mockHttpService(decodeHttpMocks(undefined)),
      clock,
    },
  };
}

/** Evaluate the CEL kinds on one resource (`resource` is the classic mutate output, `original` as read). */
export function evaluateCelOffline(
  loaded: OfflineCelPolicies,
  inputs: CelRequestInputs,
  resource: JsonObject,
  original: JsonObject,
): OfflineCelResult {
  if (loaded.policies.length === 0) return { results: [], patched: resource, generated: [] };
  const run = runCelPolicies(loaded.policies, loaded.exceptions, inputs, resource, original);
  const responses = [...run.responses.values()].flat();
  const actions = new Map(loaded.policies.map((p) => [celPolicyKey(p), celFailureAction(p)]));
  return {
    results: responses.flatMap((r) =>
      r.rules.map((rule) => (rule.ruleType === 'validate' ? { ...rule, action: actions.get(rule.policy) } : rule)),
    ),
    patched: run.patched,
    generated: responses.flatMap((r) => (r.generated ?? []).map((g) => ({ policy: r.policy, resource: g }))),
  };
}
