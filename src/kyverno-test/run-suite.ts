// Kyverno: spec §14.5 — evaluate a suite's policies on its resources and check each expected row.
import {
  namespaceOfResource as namespaceOf,
  renderDiagnostic,
  reportedStatus,
  type Clock,
  type EngineResponse,
  type Evaluation,
  type GeneratedObject,
  type JsonObject,
  type LoadedPolicy,
  type RuleStatus,
} from '../engine/index.js';
import { identityOf, patchedDiff, sameResource } from './compare-resources.js';
import { nameOf, runResource } from './run-resource.js';
import { celSubRows } from './cel/cel-rows.js';
import type { ExpectedResult } from './test-file.js';
import type { LoadedSuite, RowReport, SubRow, SuiteReport } from './suite.js';

/** Run a loaded suite and check every expected row. */
export function runSuite(suite: LoadedSuite, clock: Clock): SuiteReport {
  const runs = new Runs(suite, clock);
  const rows = suite.test.results.flatMap((e) => checkExpected(e, suite, runs));
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

/** Evaluations per resource × row operation, computed on demand and kept. */
class Runs {
  readonly #cache = new Map<string, Evaluation>();
  constructor(
    private readonly suite: LoadedSuite,
    private readonly clock: Clock,
  ) {}

  get(resourceIndex: number, operation: string | undefined): Evaluation {
    const key = `${resourceIndex}\u0000${operation ?? ''}`;
    let r = this.#cache.get(key);
    if (!r) {
      r = runResource(this.suite, this.suite.resources[resourceIndex], operation, this.clock);
      this.#cache.set(key, r);
    }
    return r;
  }
}

/** The responses of the policies named `name` in one family (Kyverno keys a run's responses by policy name). */
function responsesOf(run: Evaluation, policy: Pick<LoadedPolicy, 'name' | 'family'>): EngineResponse[] {
  return run.responses.filter((r) => r.policy.name === policy.name && r.policy.family === policy.family);
}

function matchesEntry(entry: string, r: JsonObject): boolean {
  return entry.includes('/') ? `${namespaceOf(r)}/${nameOf(r)}` === entry : nameOf(r) === entry;
}

function selectResources(entry: string, resources: readonly JsonObject[]): number[] {
  const matches = resources
    .map((r, i) => [r, i] as const)
    .filter(([r]) => matchesEntry(entry, r))
    .map(([, i]) => i);
  // Kyverno: a name that matches nothing silently widens the row to every resource (quirk, spec §14.5).
  return matches.length > 0 ? matches : resources.map((_, i) => i);
}

function checkExpected(e: ExpectedResult, suite: LoadedSuite, runs: Runs): RowReport[] {
  const policyName = e.policy.split('/').pop() ?? e.policy;
  const classic = { name: policyName, family: 'classic' as const };
  const policy = suite.policySet.policies.find((p) => p.name === policyName && p.family === 'classic');
  const invalid = policy ? undefined : suite.rejected.find((r) => r.name === policyName);
  const celPolicy =
    policy || invalid ? undefined : suite.policySet.policies.find((p) => p.name === policyName && p.family === 'cel');
  return (e.resources.length ? e.resources : ['']).map((entry) => {
    const row = { policy: e.policy, rule: e.rule ?? '', resource: entry, kind: e.kind ?? '', expected: e.result };
    if (celPolicy) {
      const subs = selectResources(entry, suite.resources).flatMap((i) =>
        celSubRows(e, celPolicy, runs.get(i, e.operation), suite.expectedResources),
      );
      return summarize(row, subs);
    }
    if (invalid)
      return {
        ...row,
        actual: 'skip',
        ok: false,
        reason: `Invalid Policy: ${invalid.diagnostics.map(renderDiagnostic).join('; ')}`,
      };
    if (!policy) return { ...row, actual: '', ok: false, reason: 'Not found' };
    const target = suite.targets.find((t) => matchesEntry(entry, t));
    if (target && !suite.resources.some((r) => matchesEntry(entry, r)))
      return summarize(
        row,
        suite.resources.flatMap((_, i) =>
          targetRows(e, policy, responsesOf(runs.get(i, e.operation), classic), target, suite),
        ),
      );
    const subs = selectResources(entry, suite.resources).flatMap((i) =>
      subRows(e, policy, responsesOf(runs.get(i, e.operation), classic), suite),
    );
    return summarize(row, subs);
  });
}

function subRows(
  e: ExpectedResult,
  policy: LoadedPolicy,
  run: readonly EngineResponse[],
  suite: LoadedSuite,
): SubRow[] {
  const names = e.rule ? new Set([e.rule, `autogen-${e.rule}`, `autogen-cronjob-${e.rule}`]) : undefined;
  const out: SubRow[] = [];
  for (const stage of run) {
    const rules = stage.rules.filter((r) => !names || names.has(r.rule));
    // Kyverno: a response without the rule is an "Excluded" row, counted as pass.
    if (rules.length === 0) out.push({ ok: true, reason: 'Excluded' });
    for (const r of rules) {
      if (stage.stage === 'generate') {
        const generated = downstream((stage.generated ?? []).filter((g) => g.rule === r.rule));
        out.push(...generatedRows(e, policy, r.status, generated, suite, r.message));
        continue;
      }
      if (e.patchedResources !== undefined && stage.resource) {
        const diff = checkPatched(e, stage.resource, suite);
        // Kyverno: an expected file without this resource silently drops the row (spec §14.5).
        if (diff === 'dropped') {
          out.push({ ok: true, reason: 'Not in patchedResources' });
          continue;
        }
        if (diff) {
          out.push({ actual: r.status, ok: false, reason: 'Resource diff', message: diff });
          continue;
        }
      }
      const status = reportedStatus(policy, r.status);
      out.push(
        status === e.result
          ? { actual: status, ok: true, reason: 'Ok' }
          : { actual: status, ok: false, reason: `Want ${e.result}, got ${status}`, message: r.message },
      );
    }
  }
  return out;
}

// Kyverno's CLI reports the created targets; the clone-source label write is not a generated resource.
function downstream(generated: readonly GeneratedObject[]): GeneratedObject[] {
  return generated.filter((g) => !g.cloneSource && g.action !== 'none');
}

// Kyverno: one row per generated resource compared with generatedResource(s); without any, only the result counts.
function generatedRows(
  e: ExpectedResult,
  policy: LoadedPolicy,
  status: RuleStatus,
  generated: readonly { resource: JsonObject }[],
  suite: LoadedSuite,
  message: string,
): SubRow[] {
  const result = reportedStatus(policy, status);
  const resultRow: SubRow =
    result === e.result
      ? { actual: result, ok: true, reason: 'Ok' }
      : { actual: result, ok: false, reason: `Want ${e.result}, got ${result}`, message };
  const files = [e.generatedResource, ...(e.generatedResources ?? [])].filter((f): f is string => !!f);
  if (generated.length === 0 || files.length === 0) return [resultRow];
  const expected = files.flatMap((f) => suite.expectedResources.get(f) ?? []);
  return generated.map((g) => {
    if (!resultRow.ok) return resultRow;
    return expected.some((x) => sameResource(x, g.resource))
      ? resultRow
      : {
          actual: result,
          ok: false,
          reason: 'Resource diff',
          message: `generated ${identityOf(g.resource)} differs from ${files.join(', ')}`,
        };
  });
}

// Kyverno: mutate-existing responses are indexed by the targets they patched (spec §14.5).
function targetRows(
  e: ExpectedResult,
  policy: LoadedPolicy,
  run: readonly EngineResponse[],
  target: JsonObject,
  suite: LoadedSuite,
): SubRow[] {
  const out: SubRow[] = [];
  for (const stage of run) {
    for (const t of stage.targets ?? []) {
      if (identityOf(t.target) !== identityOf(target)) continue;
      if (e.rule && !stage.rules.some((r) => r.rule === e.rule || r.rule === `autogen-${e.rule}`)) continue;
      const diff = e.patchedResources !== undefined ? checkPatched(e, t.patched, suite) : undefined;
      if (diff && diff !== 'dropped') {
        out.push({ actual: t.outcome.status, ok: false, reason: 'Resource diff', message: diff });
        continue;
      }
      const status = reportedStatus(policy, t.outcome.status);
      out.push(
        status === e.result
          ? { actual: status, ok: true, reason: 'Ok' }
          : { actual: status, ok: false, reason: `Want ${e.result}, got ${status}`, message: t.outcome.message },
      );
    }
  }
  return out;
}

/** undefined when the patched resource matches, 'dropped' when the file lacks it, else a description. */
function checkPatched(e: ExpectedResult, actual: JsonObject, suite: LoadedSuite): string | 'dropped' | undefined {
  const file = e.patchedResources!;
  return patchedDiff(file, suite.expectedResources.get(file) ?? [], actual, e.failOnMissingResources);
}

function summarize(row: Omit<RowReport, 'actual' | 'ok' | 'reason'>, subs: SubRow[]): RowReport {
  const real = subs.filter((s) => s.actual !== undefined);
  if (subs.length === 0) return { ...row, actual: '', ok: false, reason: 'Not found' };
  if (real.length === 0) return { ...row, actual: '', ok: true, reason: subs[0].reason };
  const actual = [...new Set(real.map((s) => s.actual))].join(',');
  const bad = subs.find((s) => !s.ok);
  return bad
    ? { ...row, actual, ok: false, reason: bad.reason, message: bad.message }
    : { ...row, actual, ok: true, reason: 'Ok' };
}
