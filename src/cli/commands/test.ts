// `tollgate test`: run `kyverno test` suites.
import { CompileCache, type Clock } from '../../engine/index.js';
import { failedSuiteRows, runSuite } from '../../kyverno-test/run-suite.js';
import { findTestFiles, loadSuite, readTests } from '../../kyverno-test/load-suite.js';
import type { SuiteReport } from '../../kyverno-test/suite.js';
import { EXIT, UserError } from '../errors.js';

/** Options of `tollgate test`. */
export interface TestOptions {
  readonly output?: 'text' | 'json';
  readonly fileName?: string;
  readonly failOnly?: boolean;
  readonly detailedResults?: boolean;
}

/** The JSON document `tollgate test --output json` prints. */
export interface TestRunReport {
  readonly suites: SuiteReport[];
  readonly summary: { suites: number; suitesFailed: number; rows: number; rowsOk: number };
}

/** Find and run every suite below `paths`. */
export function runTests(paths: readonly string[], opts: TestOptions, clock: Clock): TestRunReport {
  const found = findTestFiles(paths.length ? paths : ['.'], opts.fileName);
  if (found.errors.length > 0) throw new UserError(found.errors[0]);
  if (found.files.length === 0)
    throw new UserError(`no ${opts.fileName ?? 'kyverno-test.yaml'} found under ${paths.join(', ') || '.'}`);
  // Suites share compiled JMESPath: the same expressions recur across a policy library's suites.
  const cache = new CompileCache();
  const suites: SuiteReport[] = [];
  for (const file of found.files) {
    for (const t of readTests(file)) {
      if (!t.test) {
        suites.push({ file, name: '', error: t.error ?? 'could not load test', rows: [] });
        continue;
      }
      try {
        suites.push(runSuite(loadSuite(file, t.test, cache), clock));
      } catch (e) {
        const msg = (e as Error).message;
        suites.push({ file, name: t.test.name, error: msg, rows: failedSuiteRows(t.test.results, msg) });
      }
    }
  }
  const rows = suites.flatMap((s) => s.rows);
  return {
    suites,
    summary: {
      suites: suites.length,
      suitesFailed: suites.filter((s) => s.error !== null || s.rows.some((r) => !r.ok)).length,
      rows: rows.length,
      rowsOk: rows.filter((r) => r.ok).length,
    },
  };
}

/** Human-readable report: each suite, its rows, and a summary line. */
export function renderTestReport(report: TestRunReport, opts: TestOptions): string {
  const out: string[] = [];
  for (const s of report.suites) {
    out.push(
      `${s.error ? 'ERROR' : s.rows.every((r) => r.ok) ? 'PASS ' : 'FAIL '} ${s.file}${s.name ? ` (${s.name})` : ''}`,
    );
    if (s.error) out.push(`    ${s.error}`);
    else
      for (const r of s.rows) {
        if (opts.failOnly && r.ok) continue;
        const line = `    ${r.ok ? 'ok  ' : 'FAIL'} ${r.policy}/${r.rule || '*'} ${r.kind ? `${r.kind}/` : ''}${r.resource}: ${r.reason}`;
        out.push(opts.detailedResults && r.message ? `${line} — ${r.message}` : line);
      }
  }
  const { suites, suitesFailed, rows, rowsOk } = report.summary;
  out.push('', `Test Summary: ${rowsOk} of ${rows} rows passed, ${suites - suitesFailed} of ${suites} suites passed`);
  return out.join('\n') + '\n';
}

/** Exit code: non-zero when any suite errored or any row failed. */
export function testExitCode(report: TestRunReport): number {
  return report.summary.suitesFailed > 0 ? EXIT.violations : EXIT.ok;
}
