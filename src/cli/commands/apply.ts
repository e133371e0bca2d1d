// `tollgate apply`: evaluate policies against resource files and print what fails.
import { stringify } from 'yaml';
import { isObject, type JsonObject } from '../../engine/json.js';
import { QueryCache } from '../../engine/context/query-cache.js';
import { evaluateValidation } from '../../engine/evaluate/evaluate-policy.js';
import { isClusterScopedKind } from '../../engine/kube/scope.js';
import { buildPolicySet, unsupportedFeature } from '../../engine/policy-set.js';
import type { Clock } from '../../engine/ports.js';
import { renderDiagnostic } from '../../engine/result/diagnostic.js';
import { formatJsonPath } from '../../engine/result/location.js';
import type { RuleResult, RuleStatus } from '../../engine/result/rule-result.js';
import type { SourceDocument } from '../../engine/source/documents.js';
import { readDocuments } from '../../files/read-documents.js';
import { buildPolicyReports } from '../../report/policy-report.js';
import { EXIT, UserError } from '../errors.js';

/** Options of `tollgate apply`. */
export interface ApplyOptions {
  readonly resource: readonly string[];
  readonly output?: 'text' | 'json' | 'policyreport';
}

/** What `apply` found: every result, with the document it came from. */
export interface ApplyRun {
  readonly results: { result: RuleResult; source: SourceDocument }[];
  readonly notes: string[];
  readonly policies: ReturnType<typeof buildPolicySet>['policies'];
}

function readOrFail(paths: readonly string[], what: string): SourceDocument[] {
  const r = readDocuments(paths);
  if (r.errors.length > 0) {
    const e = r.errors[0];
    throw new UserError(`${what} ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return r.documents;
}

/** Evaluate every policy against every resource (operation CREATE, as the Kyverno CLI does). */
export function runApply(policyPaths: readonly string[], opts: ApplyOptions, clock: Clock): ApplyRun {
  if (opts.resource.length === 0) throw new UserError('no resources given: use --resource FILE|DIR');
  const queries = new QueryCache();
  const set = buildPolicySet(readOrFail(policyPaths, 'policy'), queries);
  const invalid = set.policies.flatMap((p) => p.diagnostics);
  if (invalid.length > 0) throw new UserError(renderDiagnostic(invalid[0]));
  if (set.policies.length === 0) throw new UserError(`no Kyverno policies found in ${policyPaths.join(', ')}`);
  const notes = set.policies.map(unsupportedFeature).filter((x): x is string => !!x).map((w) => `note: ${w}; those rules were not evaluated`);
  if (set.celPolicies.length) notes.push(`note: ${set.celPolicies.length} CEL policies (policies.kyverno.io) are not supported yet and were not evaluated`);
  const resources = buildPolicySet(readOrFail(opts.resource, 'resource'), queries).resources;
  const env = { queries, clock };
  const results: ApplyRun['results'] = [];
  for (const doc of resources) {
    const object = withDefaultNamespace(doc.value as JsonObject);
    for (const cp of set.policies) {
      const resp = evaluateValidation(cp, { operation: 'CREATE', object }, env);
      for (const result of resp.rules) results.push({ result, source: doc });
    }
  }
  return { results, notes, policies: set.policies };
}

function withDefaultNamespace(r: JsonObject): JsonObject {
  const md = isObject(r.metadata) ? r.metadata : {};
  if (isClusterScopedKind(String(r.kind)) || md.namespace) return r;
  return { ...r, metadata: { ...md, namespace: 'default' } };
}

/** Count results by status, Kyverno's way (unscored policies report fail as warn). */
export function countResults(run: ApplyRun): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  const byKey = new Map(run.policies.map((p) => [p.policy.key, p.policy]));
  for (const { result } of run.results) {
    const unscored = byKey.get(result.policy)?.annotations['policies.kyverno.io/scored'] === 'false';
    counts[result.status === 'fail' && unscored ? 'warn' : result.status]++;
  }
  return counts;
}

/** Render the run in the requested format. */
export function renderApply(run: ApplyRun, opts: ApplyOptions, clock: Clock): string {
  if (opts.output === 'json')
    return JSON.stringify({ results: run.results.map(({ result, source }) => ({ ...result, file: source.file, line: result.path ? source.locate(result.path).line : source.pos.line })), summary: countResults(run) }, null, 2) + '\n';
  if (opts.output === 'policyreport') {
    const policies = new Map(run.policies.map((p) => [p.policy.key, p.policy]));
    const reports = buildPolicyReports(run.results.map((r) => r.result), policies, Math.floor(clock.now().getTime() / 1000));
    return stringify({ apiVersion: 'v1', kind: 'List', items: reports });
  }
  const out: string[] = [...run.notes];
  const failing = run.results.filter(({ result }) => result.status === 'fail' || result.status === 'error');
  for (const { result: r, source } of failing) {
    const pos = r.path ? source.locate(r.path) : source.pos;
    const res = `${r.resource.namespace ? `${r.resource.namespace}/` : ''}${r.resource.kind}/${r.resource.name}`;
    out.push(`policy ${r.policy} -> resource ${res} ${r.status === 'fail' ? 'failed' : 'errored'} (${r.action ?? 'Audit'}):`);
    out.push(`  ${r.rule}: ${r.message}`);
    out.push(`  at ${pos.file}:${pos.line}${r.path?.length ? ` (${formatJsonPath(r.path)})` : ''}`);
  }
  const c = countResults(run);
  out.push('', `pass: ${c.pass}, fail: ${c.fail}, warn: ${c.warn}, error: ${c.error}, skip: ${c.skip}`);
  return out.join('\n') + '\n';
}

/** Non-zero when an Enforce rule fails. */
export function applyExitCode(run: ApplyRun): number {
  return run.results.some(({ result }) => result.status === 'fail' && result.action === 'Enforce') ? EXIT.violations : EXIT.ok;
}
