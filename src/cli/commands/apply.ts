// `tollgate apply`: evaluate policies against resource files; print failures, mutated resources or diffs.
import { reportedStatus } from '../../engine/policy/policy.js';
import { describeObject } from '../../report/object-label.js';
import { stringify } from 'yaml';
import type { JsonObject } from '../../engine/json.js';
import { QueryCache } from '../../engine/context/query-cache.js';
import { createRequests, evaluateResource } from '../../engine/evaluate/evaluate-resource.js';
import { compileException } from '../../engine/exceptions/exception.js';
import { ExceptionIndex } from '../../engine/exceptions/select.js';
import { withDefaultNamespace } from '../../engine/kube/scope.js';
import { buildPolicySet, unsupportedFeature } from '../../engine/policy-set.js';
import type { Clock } from '../../engine/ports.js';
import { renderDiagnostic } from '../../engine/result/diagnostic.js';
import { formatJsonPath } from '../../engine/result/location.js';
import type { RuleResult, RuleStatus } from '../../engine/result/rule-result.js';
import type { SourceDocument } from '../../engine/source/documents.js';
import { readDocuments } from '../../files/read-documents.js';
import { buildPolicyReports } from '../../report/policy-report.js';
import { resourceDiff } from '../../report/resource-diff.js';
import { MemoryCluster } from '../../cluster/memory-store.js';
import type { GeneratedResource } from '../../engine/generate/index.js';
import { EXIT, UserError } from '../errors.js';
import type { LoadedCelPolicy } from '../../kyverno-test/cel/cel-engine.js';
import {
  celPolicyKey,
  evaluateCelOffline,
  loadOfflineCelPolicies,
  offlineCelInputs,
} from '../../kyverno-test/cel/offline-run.js';

/** Options of `tollgate apply`. */
export interface ApplyOptions {
  readonly resource: readonly string[];
  readonly exception?: readonly string[];
  readonly output?: 'text' | 'json' | 'yaml' | 'policyreport';
  readonly diff?: boolean;
}

/** One evaluated resource: where it came from, what it became, and its results. */
export interface AppliedResource {
  readonly source: SourceDocument;
  readonly original: JsonObject;
  readonly mutated: JsonObject;
  readonly results: RuleResult[];
  /** Downstream objects generate rules would create or update, by policy/rule. */
  readonly generated: { readonly policy: string; readonly rule: string; readonly item: GeneratedResource }[];
}

/** What `apply` found. */
export interface ApplyRun {
  readonly resources: AppliedResource[];
  readonly notes: string[];
  readonly policies: ReturnType<typeof buildPolicySet>['policies'];
  /** policies.kyverno.io policies evaluated after the classic ones. */
  readonly celPolicies: readonly LoadedCelPolicy[];
}

function readOrFail(paths: readonly string[], what: string): SourceDocument[] {
  const r = readDocuments(paths);
  if (r.errors.length > 0) {
    const e = r.errors[0];
    throw new UserError(`${what} ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return r.documents;
}

function loadExceptions(
  docs: readonly SourceDocument[],
  policyKeys: Set<string>,
  notes: string[],
): ExceptionIndex | undefined {
  if (docs.length === 0) return undefined;
  const compiled = docs.map((d) => {
    const { exception, problems } = compileException(d.value as JsonObject, d);
    if (!exception) throw new UserError(`${d.file}:${d.locate(problems[0].path).line}: ${problems[0].message}`);
    return exception;
  });
  const index = new ExceptionIndex(compiled);
  for (const name of index.policyNames())
    if (!policyKeys.has(name)) notes.push(`note: a PolicyException names policy "${name}", which is not loaded`);
  return index;
}

/** Evaluate every policy against every resource (operation CREATE, as the Kyverno CLI does). */
export function runApply(policyPaths: readonly string[], opts: ApplyOptions, clock: Clock): ApplyRun {
  if (opts.resource.length === 0) throw new UserError('no resources given: use --resource FILE|DIR');
  const queries = new QueryCache();
  const set = buildPolicySet(readOrFail(policyPaths, 'policy'), queries);
  const exceptionSet = buildPolicySet(opts.exception?.length ? readOrFail(opts.exception, 'exception') : [], queries);
  const cel = loadOfflineCelPolicies(set.celPolicies, exceptionSet.celExceptions);
  const invalid = [...set.policies.flatMap((p) => p.diagnostics), ...cel.diagnostics];
  if (invalid.length > 0) throw new UserError(renderDiagnostic(invalid[0]));
  if (set.policies.length === 0 && cel.policies.length === 0)
    throw new UserError(`no Kyverno policies found in ${policyPaths.join(', ')}`);
  const notes = set.policies
    .map(unsupportedFeature)
    .filter((x): x is string => !!x)
    .map((w) => `note: ${w}; those rules were not evaluated`);
  for (const d of cel.unsupported) notes.push(`note: ${renderDiagnostic(d)}; not evaluated`);
  const exceptions = loadExceptions(exceptionSet.exceptions, new Set(set.policies.map((p) => p.policy.key)), notes);
  const docs = buildPolicySet(readOrFail(opts.resource, 'resource'), queries).resources;
  // Offline, the "cluster" is the set of given resources: clone sources, existing targets and CEL lookups read it.
  const objects = docs.map((d) => withDefaultNamespace(d.value as JsonObject));
  const env = { queries, clock, exceptions, cluster: new MemoryCluster(objects) };
  const celInputs = offlineCelInputs(objects, clock);
  const resources = docs.map((source, i) => {
    const original = objects[i];
    const run = evaluateResource(set.policies, original, env, createRequests());
    const celRun = evaluateCelOffline(cel, celInputs, run.resource, original);
    const generated = [
      ...run.stages.flatMap((s) =>
        [...(s.generated ?? new Map<string, readonly GeneratedResource[]>())].flatMap(([rule, items]) =>
          items
            .filter((item) => !item.cloneSource && item.action !== 'none')
            .map((item) => ({ policy: s.response.policy, rule, item })),
        ),
      ),
      ...celRun.generated.map((g) => ({
        policy: g.policy,
        rule: '',
        item: { resource: g.resource, action: 'create' as const },
      })),
    ];
    const results = [...run.stages.flatMap((s) => s.response.rules), ...celRun.results];
    return { source, original, mutated: celRun.patched, results, generated };
  });
  return { resources, notes, policies: set.policies, celPolicies: cel.policies };
}

/** Count results by status, Kyverno's way (unscored policies report fail as warn). */
export function countResults(run: ApplyRun): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  const byKey = annotationsByKey(run);
  for (const r of run.resources.flatMap((x) => x.results)) {
    counts[reportedStatus(byKey.get(r.policy), r.status)]++;
  }
  return counts;
}

// Classic and CEL policies by the key their results carry, for `policies.kyverno.io/scored`.
type Annotated = { readonly annotations: Readonly<Record<string, string>> };
function annotationsByKey(run: ApplyRun): Map<string, Annotated> {
  const out = new Map<string, Annotated>(run.policies.map((p) => [p.policy.key, p.policy]));
  for (const p of run.celPolicies) out.set(celPolicyKey(p), p);
  return out;
}

function label(r: { namespace: string; kind: string; name: string }): string {
  return `${r.namespace ? `${r.namespace}/` : ''}${r.kind}/${r.name}`;
}

/** Render the run in the requested format. */
export function renderApply(run: ApplyRun, opts: ApplyOptions, clock: Clock): string {
  if (opts.output === 'json') {
    const results = run.resources.flatMap(({ source, results }) =>
      results.map((r) => ({ ...r, file: source.file, line: r.path ? source.locate(r.path).line : source.pos.line })),
    );
    return JSON.stringify({ results, summary: countResults(run) }, null, 2) + '\n';
  }
  if (opts.output === 'yaml')
    return [
      ...run.resources.map((r) => r.mutated),
      ...run.resources.flatMap((r) => r.generated.map((g) => g.item.resource)),
    ]
      .map((r) => stringify(r))
      .join('---\n');
  if (opts.output === 'policyreport') {
    const policies = new Map(run.policies.map((p) => [p.policy.key, p.policy]));
    const reports = buildPolicyReports(
      run.resources.flatMap((r) => r.results),
      policies,
      Math.floor(clock.now().getTime() / 1000),
    );
    return stringify({ apiVersion: 'v1', kind: 'List', items: reports });
  }
  const out: string[] = [...run.notes];
  for (const res of run.resources) {
    for (const r of res.results.filter((x) => x.status === 'fail' || x.status === 'error')) {
      const pos = r.path ? res.source.locate(r.path) : res.source.pos;
      out.push(
        `policy ${r.policy} -> resource ${label(r.resource)} ${r.status === 'fail' ? 'failed' : 'errored'} (${r.action ?? 'Audit'}):`,
      );
      // CEL policy kinds report their main result under an empty rule name.
      out.push(`  ${r.rule ? `${r.rule}: ` : ''}${r.message}`);
      out.push(`  at ${pos.file}:${pos.line}${r.path?.length ? ` (${formatJsonPath(r.path)})` : ''}`);
      const expression = celExpressionAt(run, r);
      if (expression) out.push(`  from ${expression}`);
    }
    for (const g of res.generated)
      out.push(
        `policy ${g.policy} -> resource ${describeObject(res.original)} would ${g.item.action} ${describeObject(g.item.resource)}${g.rule ? ` (rule ${g.rule})` : ''}`,
      );
    for (const r of res.results.filter((x) => x.ruleType === 'mutate' && x.status === 'pass'))
      out.push(`policy ${r.policy} -> resource ${label(r.resource)} mutated${r.rule ? ` by rule ${r.rule}` : ''}`);
    if (opts.diff) {
      const d = resourceDiff(`${res.source.file}:${res.source.pos.line}`, res.original, res.mutated);
      if (d) out.push(d.trimEnd());
    }
  }
  const c = countResults(run);
  out.push('', `pass: ${c.pass}, fail: ${c.fail}, warn: ${c.warn}, error: ${c.error}, skip: ${c.skip}`);
  return out.join('\n') + '\n';
}

// A CEL policy result names the validation that decided it (`cel.validationIndex`): point at its expression.
function celExpressionAt(run: ApplyRun, r: AppliedResource['results'][number]): string | undefined {
  const index = r.properties?.['cel.validationIndex'];
  if (index === undefined) return undefined;
  const policy = run.celPolicies.find((p) => celPolicyKey(p) === r.policy);
  const at = policy?.source?.locate(['spec', 'validations', Number(index), 'expression']);
  return at ? `spec.validations[${index}] at ${at.file}:${at.line}` : undefined;
}

/** Non-zero when an Enforce rule fails. */
export function applyExitCode(run: ApplyRun): number {
  return run.resources.some((r) => r.results.some((x) => x.status === 'fail' && x.action === 'Enforce'))
    ? EXIT.violations
    : EXIT.ok;
}
