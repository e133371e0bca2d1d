// `tollgate check [PATH]`: the pull-request gate. Renders the run in the chosen format and sets the exit code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock } from '../../engine/index.js';
import type { CheckReport } from '../../report/check-model.js';
import { checkJsonChunks } from '../../report/check-json.js';
import { checkTextChunks } from '../../report/check-text.js';
import { renderGithubAnnotations } from '../../report/github-annotations.js';
import { junitChunks } from '../../report/junit.js';
import { joinChunks, StreamedList, type Chunks } from '../../report/serialize/chunks.js';
import { yamlChunks } from '../../report/serialize/yaml-chunks.js';
import { addToGroup } from '../../report/groups.js';
import { renderSarif } from '../../report/sarif.js';
import { resourceDiff } from '../../report/resource-diff.js';
import { EXIT } from '../errors.js';
import { CHECK_FORMATS } from '../formats.js';
import { compareWithBase, withBaseCheckout } from './check-base.js';
import { runCheck, type CheckRun, type CheckRunOptions } from './check-run.js';
import { describeObject } from '../../report/object-label.js';

export { CHECK_FORMATS };

/** Options of `tollgate check`. */
export interface CheckOptions {
  readonly policies: readonly string[];
  readonly output: (typeof CHECK_FORMATS)[number];
  readonly strict?: boolean;
  readonly base?: string;
  readonly showFixed?: boolean;
  readonly showMutations?: boolean;
  readonly color?: boolean;
}

/** What `tollgate check` prints, in pieces (a large repository's report is never one string), and its exit code. */
export interface CheckCommandResult {
  readonly chunks: Chunks;
  readonly exitCode: number;
  /** The whole output as one string (tests and small reports). */
  readonly output: string;
}

/** Run the check (and the base check with --base); returns what to print and the exit code. */
export function checkCommand(root: string, opts: CheckOptions, clock: Clock, version: string): CheckCommandResult {
  const runOpts = checkRunOptions(opts);
  const head = runCheck(root, runOpts, clock);
  const report = opts.base
    ? compareWithBase(
        head.report,
        withBaseCheckout(root, opts.base, (b) => runCheck(b, runOpts, clock).report),
        !!opts.showFixed,
      )
    : head.report;
  const previews = opts.showMutations && opts.output === 'text' ? renderPreviews(head) : '';
  // Each read renders anew: the pieces are generators, used up once written.
  function* pieces(): Generator<string> {
    if (previews) yield previews;
    yield* render(report, root, opts, version);
  }
  return {
    get chunks() {
      return pieces();
    },
    exitCode: exitCode(report, head.incomplete, !!opts.strict),
    get output() {
      return joinChunks(pieces());
    },
  };
}

// Text and GitHub annotations print problems and counts: a run for them counts passes instead of keeping a
// finding for each (most of a large run's findings are passes). The other formats list every result; SARIF's rule
// list names every rule that ran.
const LISTS_PASSES: Readonly<Record<CheckOptions['output'], boolean>> = {
  text: false,
  github: false,
  json: true,
  junit: true,
  sarif: true,
  policyreport: true,
};

/** The options of the check run behind `tollgate check` with these options. */
export function checkRunOptions(opts: CheckOptions): CheckRunOptions {
  return { ...opts, passes: LISTS_PASSES[opts.output] ? 'list' : 'count' };
}

/** 2 when something could not be read or rendered; 1 when a blocking (or, with --strict, any) rule fails; else 0. */
export function exitCode(report: CheckReport, incomplete: boolean, strict: boolean): number {
  if (incomplete) return EXIT.usage;
  const failing = strict
    ? report.results.some((r) => r.result === 'fail' || r.result === 'error')
    : report.summary.blocking > 0;
  return failing ? EXIT.violations : EXIT.ok;
}

// The structured formats come in pieces; the others are small.
function render(report: CheckReport, root: string, opts: CheckOptions, version: string): Chunks {
  switch (opts.output) {
    case 'json':
      return checkJsonChunks(report);
    case 'junit':
      return junitChunks(report);
    case 'sarif':
      return [renderSarif(report, { toolVersion: version })];
    case 'github':
      return [renderGithubAnnotations(report)];
    case 'policyreport':
      return yamlChunks(policyReportOf(report));
    case 'text':
      return checkTextChunks(report, {
        color: !!opts.color,
        strict: opts.strict,
        source: (file) => readSource(root, file),
      });
    default:
      return opts.output satisfies never;
  }
}

function readSource(root: string, file: string): string | undefined {
  for (const candidate of [join(root, file), file]) {
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      // try the next location
    }
  }
  return undefined;
}

function renderPreviews(run: CheckRun): string {
  const out: string[] = [];
  for (const p of run.previews) {
    const label = `${p.source.file}:${p.source.pos.line} ${describeObject(p.original)}`;
    const diff = resourceDiff(label, p.original, p.mutated);
    if (diff) out.push(`mutations of ${label}:`, diff.trimEnd(), '');
    for (const g of p.generated)
      out.push(`${label} would ${g.action} ${describeObject(g.resource)} (${g.policy}/${g.rule})`);
    if (p.generated.length) out.push('');
  }
  return out.length ? out.join('\n') + '\n' : '';
}

// wgpolicyk8s.io/v1alpha2 reports grouped by namespace, from the findings.
function policyReportOf(report: CheckReport): unknown {
  const byNs = new Map<string, CheckReport['results'][number][]>();
  for (const r of report.results) addToGroup(byNs, r.resource.namespace, r);
  const items = [...byNs].map(([ns, rs]) => {
    const summary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const r of rs) summary[r.result]++;
    return {
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: ns ? 'PolicyReport' : 'ClusterPolicyReport',
      metadata: { name: ns ? `tollgate-${ns}` : 'tollgate-cluster', ...(ns ? { namespace: ns } : {}) },
      results: new StreamedList(rs, (r) => ({
        policy: r.policy,
        rule: r.rule,
        result: r.result,
        message: r.message,
        source: 'tollgate',
        ...(r.severity ? { severity: r.severity } : {}),
        ...(r.category ? { category: r.category } : {}),
        resources: [
          {
            apiVersion: r.resource.apiVersion,
            kind: r.resource.kind,
            name: r.resource.name,
            ...(ns ? { namespace: ns } : {}),
          },
        ],
        properties: { file: r.file, line: String(r.line) },
      })),
      summary,
    };
  });
  return { apiVersion: 'v1', kind: 'List', items };
}
