// `tollgate check`: evaluate what Argo CD would apply from a GitOps repository.
import { reportedStatus } from '../../engine/policy/policy.js';
import type { JsonObject } from '../../engine/json.js';
import { QueryCache } from '../../engine/context/query-cache.js';
import { createRequests, evaluateResource, type StageResponse } from '../../engine/evaluate/evaluate-resource.js';
import { compileException, type CompiledException } from '../../engine/exceptions/exception.js';
import { ExceptionIndex } from '../../engine/exceptions/select.js';
import type { GeneratedResource } from '../../engine/generate/index.js';
import { buildPolicySet, unsupportedFeature } from '../../engine/policy-set.js';
import type { Clock } from '../../engine/ports.js';
import { renderDiagnostic } from '../../engine/result/diagnostic.js';
import { formatJsonPath } from '../../engine/result/location.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import type { SourceDocument } from '../../engine/source/documents.js';
import { MemoryCluster } from '../../cluster/memory-store.js';
import { readDocuments } from '../../files/read-documents.js';
import { readRepository } from '../../gitops/index.js';
import type { CheckError, CheckFinding, CheckReport, CheckSkip } from '../../report/check-model.js';
import {
  celPolicyKey,
  evaluateCelOffline,
  loadOfflineCelPolicies,
  offlineCelInputs,
  type OfflineCelResult,
} from '../../kyverno-test/cel/offline-run.js';

/** Options of a check run. */
export interface CheckRunOptions {
  readonly policies: readonly string[];
  readonly strict?: boolean;
}

/** A resource that mutate policies changed, or that triggers generate rules. */
export interface AdmissionPreview {
  readonly source: SourceDocument;
  readonly original: JsonObject;
  readonly mutated: JsonObject;
  readonly generated: { readonly policy: string; readonly rule: string; readonly item: GeneratedResource }[];
}

/** A check run: the report plus what admission would change. */
export interface CheckRun {
  readonly report: CheckReport;
  readonly previews: AdmissionPreview[];
  /** A needed renderer was missing, or a file could not be read. */
  readonly incomplete: boolean;
  /** Where the time went (for benchmarks and --verbose style diagnostics). */
  readonly timings: { readonly readMs: number; readonly compileMs: number; readonly evaluateMs: number };
}

/** Evaluate a repository checkout against its own policies and `--policies`. */
export function runCheck(root: string, opts: CheckRunOptions, clock: Clock): CheckRun {
  const t0 = performance.now();
  const repo = readRepository(root);
  const errors: CheckError[] = [...repo.errors];
  const skipped: CheckSkip[] = [...repo.skipped];
  const extra = readDocuments(opts.policies);
  errors.push(...extra.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })));
  const t1 = performance.now();
  const queries = new QueryCache();
  const set = buildPolicySet([...repo.policies, ...extra.documents], queries);
  for (const d of set.policies.flatMap((p) => p.diagnostics))
    errors.push({
      file: d.source?.file ?? '',
      line: d.source?.line ?? 0,
      message: renderDiagnostic(d).replace(/^[^:]+:\d+: /, ''),
    });
  for (const p of set.policies) {
    const why = unsupportedFeature(p);
    if (why)
      skipped.push({
        path: `${p.policy.source?.file ?? ''}:${p.policy.source?.pos.line ?? 0}`,
        reason: `policy ${p.policy.key}: ${why}; those rules were not evaluated`,
      });
  }
  const cel = loadOfflineCelPolicies(set.celPolicies, set.celExceptions);
  for (const d of cel.diagnostics)
    errors.push({
      file: d.source?.file ?? '',
      line: d.source?.line ?? 0,
      message: renderDiagnostic(d).replace(/^[^:]+:\d+: /, ''),
    });
  for (const d of cel.unsupported)
    skipped.push({
      path: `${d.source?.file ?? ''}:${d.source?.line ?? 0}`,
      reason: `${renderDiagnostic(d).replace(/^[^:]+:\d+: /, '')}; not evaluated`,
    });
  const celAnnotations = new Map(cel.policies.map((p) => [celPolicyKey(p), p.annotations]));
  const policies = set.policies.filter((p) => p.diagnostics.length === 0);
  const exceptions = new ExceptionIndex(compileExceptions(set.exceptions, errors));
  const objects = repo.resources.map((d) => d.value as JsonObject);
  const env = { queries, clock, exceptions, cluster: new MemoryCluster(objects) };
  const celInputs = offlineCelInputs(objects, clock);
  const t2 = performance.now();
  const results: CheckFinding[] = [];
  const previews: AdmissionPreview[] = [];
  for (const source of repo.resources) {
    const original = source.value as JsonObject;
    const run = evaluateResource(policies, original, env, createRequests());
    for (const s of run.stages) {
      if (s.stage !== 'validate') continue;
      for (const r of s.response.rules) results.push(toFinding(r, source, s.policy.policy.annotations));
    }
    const celRun = evaluateCelOffline(cel, celInputs, run.resource, original);
    for (const r of celRun.results.filter((x) => x.ruleType === 'validate'))
      results.push(toFinding(r, source, celAnnotations.get(r.policy) ?? {}));
    const generated = [...classicGenerated(run.stages), ...celGenerated(celRun.generated)];
    // Mutations return a new object only when something changed.
    if (generated.length || celRun.patched !== original)
      previews.push({ source, original, mutated: celRun.patched, generated });
  }
  const report: CheckReport = { results, errors, skipped, summary: summarize(results, repo.resources.length) };
  const timings = { readMs: t1 - t0, compileMs: t2 - t1, evaluateMs: performance.now() - t2 };
  return { report, previews, incomplete: repo.incomplete || errors.length > 0, timings };
}

function classicGenerated(stages: readonly StageResponse[]): AdmissionPreview['generated'] {
  return stages.flatMap((s) =>
    [...(s.generated ?? new Map<string, readonly GeneratedResource[]>())].flatMap(([rule, items]) =>
      items
        .filter((item) => !item.cloneSource && item.action !== 'none')
        .map((item) => ({ policy: s.response.policy, rule, item })),
    ),
  );
}

// GeneratingPolicies report their objects under the policy; the rule column stays empty.
function celGenerated(generated: OfflineCelResult['generated']): AdmissionPreview['generated'] {
  return generated.map((g) => ({ policy: g.policy, rule: '', item: { resource: g.resource, action: 'create' } }));
}

function compileExceptions(docs: readonly SourceDocument[], errors: CheckError[]): CompiledException[] {
  const out: CompiledException[] = [];
  for (const d of docs) {
    const { exception, problems } = compileException(d.value as JsonObject, d);
    if (exception) out.push(exception);
    else errors.push({ file: d.file, line: d.locate(problems[0].path).line, message: problems[0].message });
  }
  return out;
}

function toFinding(r: RuleResult, source: SourceDocument, annotations: Readonly<Record<string, string>>): CheckFinding {
  const pos = r.path ? source.locate(r.path) : source.pos;

  return {
    file: pos.file,
    line: pos.line,
    column: pos.column,
    policy: r.policy,
    rule: r.rule,
    resource: r.resource,
    result: reportedStatus({ annotations }, r.status),
    action: r.action ?? 'Audit',
    message: r.message,
    field: r.path?.length ? formatJsonPath(r.path) : undefined,
    severity: annotations['policies.kyverno.io/severity'],
    category: annotations['policies.kyverno.io/category'],
  };
}

/** Counts of findings by result, and how many block the sync. */
export function summarize(results: readonly CheckFinding[], resources: number): CheckReport['summary'] {
  const count = (s: string) => results.filter((r) => r.result === s).length;
  return {
    resources,
    pass: count('pass'),
    fail: count('fail'),
    warn: count('warn'),
    error: count('error'),
    skip: count('skip'),
    blocking: results.filter((r) => r.result === 'fail' && r.action === 'Enforce').length,
  };
}

/** The identity a finding keeps across commits: policy, rule and resource, never the line. */
export function findingKey(f: CheckFinding): string {
  const r = f.resource;
  return [f.policy, f.rule, r.apiVersion.split('/')[0], r.kind, r.namespace, r.name].join('\u0000');
}
