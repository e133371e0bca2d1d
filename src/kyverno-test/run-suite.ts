// Kyverno: spec §14.5 — evaluate a suite's policies on its resources and check each expected row.
import { isObject, type JsonObject, type JsonValue } from '../engine/json.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import { evaluateValidation } from '../engine/evaluate/evaluate-policy.js';
import type { EvaluationEnv, EvaluationRequest, PolicyValues } from '../engine/evaluate/request.js';
import type { PolicyResponse, RuleStatus } from '../engine/result/rule-result.js';
import { renderDiagnostic } from '../engine/result/diagnostic.js';
import type { ExpectedResult } from './test-file.js';
import type { LoadedSuite, RowReport, SuiteReport } from './suite.js';

type Entries = readonly (readonly [string, JsonValue])[];

/** Run a loaded suite and check every expected row. */
export function runSuite(suite: LoadedSuite, env: EvaluationEnv): SuiteReport {
  const responses = new Responses(suite, env);
  const rows = suite.test.results.flatMap((e) => checkExpected(e, suite, responses));
  return { file: suite.file, name: suite.test.name, error: null, rows };
}

/** Rows for a suite that could not run: every expected row, none matched. */
export function failedSuiteRows(results: readonly ExpectedResult[], reason: string): RowReport[] {
  return results.flatMap((e) =>
    (e.resources.length ? e.resources : ['']).map((resource) => ({
      policy: e.policy,
      rule: e.rule ?? '',
      resource,
      kind: e.kind ?? '',
      expected: e.result,
      actual: '',
      ok: false,
      reason,
    })),
  );
}

/** Engine responses per policy × resource × operation, computed on demand and kept. */
class Responses {
  readonly #cache = new Map<string, PolicyResponse>();
  constructor(
    private readonly suite: LoadedSuite,
    private readonly env: EvaluationEnv,
  ) {}

  get(cp: CompiledPolicy, resourceIndex: number, operation: string | undefined): PolicyResponse {
    const key = `${cp.policy.key}\u0000${resourceIndex}\u0000${operation ?? ''}`;
    let r = this.#cache.get(key);
    if (!r) {
      r = this.evaluate(cp, this.suite.resources[resourceIndex], operation);
      this.#cache.set(key, r);
    }
    return r;
  }

  private evaluate(cp: CompiledPolicy, resource: JsonObject, rowOperation: string | undefined): PolicyResponse {
    const values = policyValues(this.suite, cp, resource);
    const fromValues = [...values.context].reverse().find(([k]) => k === 'request.operation')?.[1];
    const operation = rowOperation ?? (typeof fromValues === 'string' ? fromValues : 'CREATE');
    const contextValues = rowOperation ? values.context.filter(([k]) => k !== 'request.operation') : values.context;
    const req: EvaluationRequest = {
      operation,
      object: operation === 'DELETE' ? null : resource,
      oldObject: operation === 'UPDATE' || operation === 'DELETE' ? resource : undefined,
      user: this.suite.user,
      namespaceLabels: this.suite.values?.namespaceLabels.get(namespaceOf(resource)) ?? {},
    };
    return evaluateValidation(cp, req, this.env, { context: contextValues, rules: values.rules });
  }
}

function policyValues(suite: LoadedSuite, cp: CompiledPolicy, resource: JsonObject): PolicyValues {
  const v = suite.values;
  if (!v) return { context: [], rules: new Map() };
  const pv = v.policies.get(cp.policy.name) ?? v.policies.get(cp.policy.key);
  const perResource: Entries = pv?.resources.get(nameOf(resource)) ?? [];
  return { context: [...v.global, ...perResource], rules: pv?.rules ?? new Map() };
}

function nameOf(r: JsonObject): string {
  return isObject(r.metadata) ? String(r.metadata.name ?? '') : '';
}

function namespaceOf(r: JsonObject): string {
  if (r.kind === 'Namespace') return nameOf(r);
  return isObject(r.metadata) ? String(r.metadata.namespace ?? '') : '';
}

function selectResources(entry: string, resources: readonly JsonObject[]): number[] {
  const matches = resources
    .map((r, i) => [r, i] as const)
    .filter(([r]) => (entry.includes('/') ? `${namespaceOf(r)}/${nameOf(r)}` === entry : nameOf(r) === entry))
    .map(([, i]) => i);
  // Kyverno: a name that matches nothing silently widens the row to every resource (quirk, spec §14.5).
  return matches.length > 0 ? matches : resources.map((_, i) => i);
}

function reportedStatus(cp: CompiledPolicy, status: RuleStatus): RuleStatus {
  return status === 'fail' && cp.policy.annotations['policies.kyverno.io/scored'] === 'false' ? 'warn' : status;
}

function checkExpected(e: ExpectedResult, suite: LoadedSuite, responses: Responses): RowReport[] {
  const policyName = e.policy.split('/').pop() ?? e.policy;
  const cp = suite.policies.find((p) => p.policy.name === policyName);
  return (e.resources.length ? e.resources : ['']).map((entry) => {
    const row = { policy: e.policy, rule: e.rule ?? '', resource: entry, kind: e.kind ?? '', expected: e.result };
    if (!cp) return { ...row, actual: '', ok: false, reason: 'Not found' };
    if (cp.diagnostics.length > 0)
      return { ...row, actual: 'skip', ok: false, reason: `Invalid Policy: ${cp.diagnostics.map(renderDiagnostic).join('; ')}` };
    const names = e.rule ? new Set([e.rule, `autogen-${e.rule}`, `autogen-cronjob-${e.rule}`]) : undefined;
    const actual: string[] = [];
    let ok = true;
    let excluded = false;
    let message: string | undefined;
    for (const i of selectResources(entry, suite.resources)) {
      const resp = responses.get(cp, i, e.operation);
      const rules = resp.rules.filter((r) => !names || names.has(r.rule));
      if (rules.length === 0) excluded = true; // Kyverno: rule not applicable → "Excluded", counted as pass
      for (const r of rules) {
        const status = reportedStatus(cp, r.status);
        actual.push(status);
        if (status !== e.result) {
          ok = false;
          message ??= r.message;
        }
      }
    }
    const uniq = [...new Set(actual)].join(',');
    if (actual.length === 0 && excluded) return { ...row, actual: '', ok: true, reason: 'Excluded' };
    if (actual.length === 0) return { ...row, actual: '', ok: false, reason: 'Not found' };
    return { ...row, actual: uniq, ok, reason: ok ? 'Ok' : `Want ${e.result}, got ${uniq}`, message };
  });
}
