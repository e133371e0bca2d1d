// Kyverno CLI: checking a result row against the responses of a CEL policy (kyverno-cel-semantics §6.4, §6.5).
import {
  reportedStatus,
  type EngineResponse,
  type Evaluation,
  type JsonObject,
  type LoadedPolicy,
  type RuleResult,
} from '../../engine/index.js';
import { identityOf, patchedDiff, sameResource } from '../compare-resources.js';
import type { ExpectedResult } from '../test-file.js';
import type { SubRow } from '../suite.js';

/** Expected resources (patchedResources, generatedResource files) by the path written in the test. */
export type ExpectedFiles = ReadonlyMap<string, readonly JsonObject[]>;

/**
 * The sub-rows of one row for one resource: every rule response of every response of the policy, whatever
 * `rule` says. No response at all gives no sub-row (the caller reports `Not found`).
 */
export function celSubRows(e: ExpectedResult, policy: LoadedPolicy, run: Evaluation, files: ExpectedFiles): SubRow[] {
  const out: SubRow[] = [];
  for (const response of run.responses) {
    // Kyverno keys a run's responses by policy name (autogen variants carry their source's).
    if (response.policy.name !== policy.name || response.policy.family !== 'cel') continue;
    // Kyverno: an empty response is an `Excluded` pass unless the policy already produced a row (§6.4).
    if (response.rules.length === 0) {
      if (out.length === 0) out.push({ ok: true, reason: 'Excluded' });
      continue;
    }
    for (const rule of response.rules) out.push(...ruleRows(e, policy, rule, response, run, files));
  }
  return out;
}

function ruleRows(
  e: ExpectedResult,
  policy: LoadedPolicy,
  rule: RuleResult,
  response: EngineResponse,
  run: Evaluation,
  files: ExpectedFiles,
): SubRow[] {
  const result = resultRow(e, policy, rule);
  if (response.stage === 'generate')
    return generatedRows(
      e,
      result,
      (response.generated ?? []).map((g) => g.resource),
      files,
    );
  if (e.patchedResources === undefined) return [result];
  // Mutations report the final cumulative patched resource; validations the resource they evaluated (§6.5).
  const diff = patchedDiff(
    e.patchedResources,
    files.get(e.patchedResources) ?? [],
    run.mutated ?? {},
    e.failOnMissingResources,
  );
  if (diff === 'dropped') return [{ ok: true, reason: 'Not in patchedResources' }];
  if (diff) return [{ actual: result.actual, ok: false, reason: 'Resource diff', message: diff }];
  return [result];
}

function resultRow(e: ExpectedResult, policy: LoadedPolicy, rule: RuleResult): SubRow {
  // Kyverno: `policies.kyverno.io/scored: "false"` reports fail as warn.
  const actual = reportedStatus(policy, rule.status);
  return actual === e.result
    ? { actual, ok: true, reason: 'Ok' }
    : { actual, ok: false, reason: `Want ${e.result}, got ${actual}`, message: rule.message };
}

// Kyverno: one row per generated object, each compared with generatedResource(s); a missing entry is an error.
function generatedRows(
  e: ExpectedResult,
  result: SubRow,
  generated: readonly JsonObject[],
  files: ExpectedFiles,
): SubRow[] {
  const names = [e.generatedResource, ...(e.generatedResources ?? [])].filter((f): f is string => !!f);
  if (generated.length === 0 || names.length === 0) return [result];
  const expected = names.flatMap((f) => files.get(f) ?? []);
  return generated.map((g) => {
    if (!result.ok) return result;
    if (expected.some((x) => sameResource(x, g))) return result;
    return {
      actual: result.actual,
      ok: false,
      reason: 'Resource error',
      message: `generated ${identityOf(g)} does not match ${names.join(', ')}`,
    };
  });
}
