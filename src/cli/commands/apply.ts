// `tollgate apply`: evaluate policies against resource files; print failures, mutated resources or diffs.
import { stringify } from 'yaml';
import {
  cliRequest,
  evaluate,
  formatJsonPath,
  loadPolicies,
  renderDiagnostic,
  reportedStatus,
  resourceDocuments,
  withDefaultNamespace,
  withEmptyNullMaps,
  type Clock,
  type GeneratedObject,
  type JsonObject,
  type PolicySet,
  type RuleResult,
  type RuleStatus,
  type SourceDocument,
} from '../../engine/index.js';
import { describeObject } from '../../report/object-label.js';
import { readOrFail } from '../read-inputs.js';
import { buildPolicyReports } from '../../report/policy-report.js';
import { resourceDiff } from '../../report/resource-diff.js';
import { downstreamObjects, offlineServices } from './offline-cluster.js';
import { EXIT, UserError } from '../errors.js';

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
  readonly results: readonly RuleResult[];
  /** Downstream objects generate rules would create or update, by policy/rule. */
  readonly generated: readonly GeneratedObject[];
}

/** What `apply` found. */
export interface ApplyRun {
  readonly resources: AppliedResource[];
  readonly notes: string[];
  readonly policySet: PolicySet;
}

/** Evaluate every policy against every resource (operation CREATE, as the Kyverno CLI does). */
export function runApply(policyPaths: readonly string[], opts: ApplyOptions, clock: Clock): ApplyRun {
  if (opts.resource.length === 0) throw new UserError('no resources given: use --resource FILE|DIR');
  // Kyverno CLI: exceptions come from --exception files only.
  const loaded = loadPolicies(readOrFail(policyPaths, 'policy'), {
    exceptions: opts.exception?.length ? readOrFail(opts.exception, 'exception') : [],
  });
  if (loaded.diagnostics.length > 0) throw new UserError(renderDiagnostic(loaded.diagnostics[0]));
  const { policySet } = loaded;
  if (policySet.policies.length === 0) throw new UserError(`no Kyverno policies found in ${policyPaths.join(', ')}`);
  const docs = resourceDocuments(readOrFail(opts.resource, 'resource'));
  // Offline, the "cluster" is the set of given resources: clone sources, existing targets and CEL lookups read it.
  const objects = docs.map((d) => withEmptyNullMaps(withDefaultNamespace(d.value as JsonObject)));
  const services = offlineServices(objects, clock);
  const resources = docs.map((source, i) => {
    const original = objects[i];
    const evaluation = evaluate(policySet, cliRequest(original), services);
    const generated = downstreamObjects(evaluation);
    return { source, original, mutated: evaluation.mutated ?? original, results: evaluation.results, generated };
  });
  // A run that evaluated nothing is not a pass.
  if (resources.length === 0)
    throw new UserError(`nothing was evaluated: no Kubernetes resources found in ${opts.resource.join(', ')}`);
  if (!resources.some((r) => r.results.length > 0))
    throw new UserError(
      `nothing was evaluated: no rule of the ${policySet.policies.length} policies applies to the ${resources.length} resources`,
    );
  return { resources, notes: loaded.notes.map((d) => `note: ${renderDiagnostic(d)}`), policySet };
}

/** Count results by status, Kyverno's way (unscored policies report fail as warn). */
export function countResults(run: ApplyRun): Record<RuleStatus, number> {
  const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of run.resources.flatMap((x) => x.results))
    counts[reportedStatus(run.policySet.policy(r.policy), r.status)]++;
  return counts;
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
    return [...run.resources.map((r) => r.mutated), ...run.resources.flatMap((r) => r.generated.map((g) => g.resource))]
      .map((r) => stringify(r))
      .join('---\n');
  if (opts.output === 'policyreport') {
    const policies = new Map(run.policySet.policies.map((p) => [p.key, p]));
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
        `policy ${g.policy} -> resource ${describeObject(res.original)} would ${g.action} ${describeObject(g.resource)}${g.rule ? ` (rule ${g.rule})` : ''}`,
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
  const policy = run.policySet.policy(r.policy);
  const at = policy?.source?.locate(['spec', 'validations', Number(index), 'expression']);
  return at ? `spec.validations[${index}] at ${at.file}:${at.line}` : undefined;
}

/** Non-zero when an Enforce rule fails. */
export function applyExitCode(run: ApplyRun): number {
  return run.resources.some((r) => r.results.some((x) => x.status === 'fail' && x.action === 'Enforce'))
    ? EXIT.violations
    : EXIT.ok;
}
