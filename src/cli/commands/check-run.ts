// `tollgate check`: evaluate what Argo CD would apply from a GitOps repository.
import {
  cliRequest,
  evaluate,
  loadPolicies,
  renderDiagnostic,
  UNSUPPORTED_KIND,
  UNSUPPORTED_RULE,
  type Clock,
  type GeneratedObject,
  type JsonObject,
  type LoadedPolicy,
  type PolicySet,
  type SourceDocument,
} from '../../engine/index.js';
import { statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { downstreamObjects, offlineServices } from './offline-cluster.js';
import { readDocuments } from '../../files/read-documents.js';
import { readRepository, type ApplicationSummary } from '../../gitops/index.js';
import type { CheckError, CheckFinding, CheckReport, CheckSkip } from '../../report/check-model.js';
import { FindingCollector } from './check-findings.js';

/** Options of a check run. */
export interface CheckRunOptions {
  readonly policies: readonly string[];
  readonly strict?: boolean;
  /** 'count': passing results only count in the summary, for outputs that list problems; default 'list'. */
  readonly passes?: 'list' | 'count';
}

/** A resource that mutate policies changed, or that triggers generate rules. */
export interface AdmissionPreview {
  readonly source: SourceDocument;
  readonly original: JsonObject;
  readonly mutated: JsonObject;
  readonly generated: readonly GeneratedObject[];
}

/** A check run: the report plus what admission would change. */
export interface CheckRun {
  readonly report: CheckReport;
  readonly previews: AdmissionPreview[];
  /** A needed renderer was missing, or a file could not be read. */
  readonly incomplete: boolean;
  /** Where the time went, wall and CPU (user + system) per phase, for benchmarks and diagnostics. */
  readonly timings: CheckTimings;
  /** The policies checked (`rollout` reads how each one validates). */
  readonly policySet: PolicySet;
  /** Those of its policies written in the repository (not given with `--policies`): what `rollout promote` may edit. */
  readonly repositoryPolicies: readonly LoadedPolicy[];
  /** Every resource rendered from the repository, with the Argo CD Application that rendered it. */
  readonly resources: readonly { readonly source: SourceDocument; readonly application?: string }[];
  /** The Applications found in the repository. */
  readonly applications: readonly ApplicationSummary[];
}

/** Milliseconds per phase of a check run: wall clock, and CPU (user + system) of this process. */
export interface CheckTimings {
  readonly readMs: number;
  readonly compileMs: number;
  readonly evaluateMs: number;
  readonly readCpuMs: number;
  readonly compileCpuMs: number;
  readonly evaluateCpuMs: number;
}

// Documents and rules set aside are listed under "Skipped".
const SKIPPED = new Set([UNSUPPORTED_RULE, UNSUPPORTED_KIND]);

/** Evaluate a repository checkout against its own policies and `--policies`. */
export function runCheck(root: string, opts: CheckRunOptions, clock: Clock): CheckRun {
  checkRoot(root);
  const clocks = [phaseClock()];
  const repo = readRepository(root);
  const errors: CheckError[] = [...repo.errors];
  const skipped: CheckSkip[] = [...repo.skipped];
  const extra = readDocuments(opts.policies);
  errors.push(...extra.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })));
  clocks.push(phaseClock());
  const loaded = loadPolicies([...repo.policies, ...extra.documents]);
  const inRepository = new Set<SourceDocument>(repo.policies);
  for (const d of loaded.diagnostics)
    errors.push({
      file: d.source?.file ?? '',
      line: d.source?.line ?? 0,
      message: renderDiagnostic(d).replace(/^[^:]+:\d+: /, ''),
    });
  for (const d of loaded.notes.filter((n) => SKIPPED.has(n.code)))
    skipped.push({ path: `${d.source?.file ?? ''}:${d.source?.line ?? 0}`, reason: d.message });
  const objects = repo.resources.map((d) => d.value as JsonObject);
  const services = offlineServices(objects, clock);
  clocks.push(phaseClock());
  const findings = new FindingCollector(opts.passes !== 'count');
  const previews: AdmissionPreview[] = [];
  for (const source of repo.resources) {
    const original = source.value as JsonObject;
    const evaluation = evaluate(loaded.policySet, cliRequest(original), services);
    findings.add(evaluation, source);
    const generated = downstreamObjects(evaluation);
    const mutated = evaluation.mutated ?? original;
    // Mutations return a new object only when something changed.
    if (generated.length || mutated !== original) previews.push({ source, original, mutated, generated });
  }
  const results = findings.all();
  // Errors already say why little or nothing was checked; otherwise an empty run says so itself.
  const nothing = errors.length
    ? undefined
    : nothingChecked(
        root,
        opts,
        loaded.policySet.policies.length,
        repo.resources.length,
        results.length + findings.unlistedPasses,
      );
  if (nothing) errors.push({ file: root, line: 0, message: nothing });
  const summary = summarize(results, repo.resources.length, findings.unlistedPasses);
  const report: CheckReport = { results, errors, skipped, summary };
  clocks.push(phaseClock());
  const timings = phaseTimings(clocks);
  const resources = repo.resources.map((source) => ({ source, application: repo.owners.get(source) }));
  return {
    report,
    previews,
    incomplete: repo.incomplete || errors.length > 0,
    timings,
    policySet: loaded.policySet,
    repositoryPolicies: loaded.policySet.policies.filter((p) => p.source && inRepository.has(p.source)),
    resources,
    applications: repo.applications,
  };
}

interface PhaseClock {
  readonly wall: number;
  readonly cpu: number;
}

// CPU time shows the work itself when other processes share the cores; wall time alone would not.
function phaseClock(): PhaseClock {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

function phaseTimings([read, compile, evaluate, end]: PhaseClock[]): CheckTimings {
  return {
    readMs: compile.wall - read.wall,
    compileMs: evaluate.wall - compile.wall,
    evaluateMs: end.wall - evaluate.wall,
    readCpuMs: compile.cpu - read.cpu,
    compileCpuMs: evaluate.cpu - compile.cpu,
    evaluateCpuMs: end.cpu - evaluate.cpu,
  };
}

function checkRoot(root: string): void {
  let st;
  try {
    st = statSync(root);
  } catch {
    throw new UserError(`${root}: no such file or directory`);
  }
  if (!st.isDirectory())
    throw new UserError(`${root}: not a directory: check takes the repository (or a directory inside it)`);
}

// A run that evaluated nothing is not a pass: say why, and the run counts as incomplete (exit 2).
function nothingChecked(
  root: string,
  opts: CheckRunOptions,
  policies: number,
  resources: number,
  results: number,
): string | undefined {
  const where = [root, ...opts.policies].join(', ');
  if (policies === 0) return `nothing was checked: no Kyverno policies found in ${where}`;
  if (resources === 0) return `nothing was checked: no Kubernetes resources found in ${root}`;
  if (results === 0)
    return `nothing was checked: no rule of the ${policies} policies applies to the ${resources} resources`;
  return undefined;
}

/** Counts of findings by result, plus the passes counted but not listed, and how many block the sync. */
export function summarize(
  results: readonly CheckFinding[],
  resources: number,
  unlistedPasses = 0,
): CheckReport['summary'] {
  // One pass and no filtered copies: a large run has hundreds of thousands of findings.
  const counts: Record<CheckFinding['result'], number> = {
    pass: unlistedPasses,
    fail: 0,
    warn: 0,
    error: 0,
    skip: 0,
  };
  let blocking = 0;
  for (const r of results) {
    counts[r.result]++;
    if (r.result === 'fail' && r.action === 'Enforce') blocking++;
  }
  return { resources, ...counts, blocking };
}

/** The identity a finding keeps across commits: policy, rule and resource, never the line. */
export function findingKey(f: CheckFinding): string {
  const r = f.resource;
  return [f.policy, f.rule, r.apiVersion.split('/')[0], r.kind, r.namespace, r.name].join('\u0000');
}
