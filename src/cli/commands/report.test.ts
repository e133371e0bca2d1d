import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../report/summary/testdata/load.js';
import { EXIT, UserError } from '../errors.js';
import { runReport, type ReportOptions } from './report.js';

const reportsDir = fixturePath('reports');
const resources = fixturePath('resources.yaml');
const table: ReportOptions = { output: 'table' };

/** The error runReport throws for these arguments. */
function failure(inputs: string[], opts: ReportOptions): UserError {
  try {
    runReport(inputs, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('runReport did not fail');
}

describe('runReport', () => {
  it('summarises every report of a directory, teams taken from the resources given', () => {
    const run = runReport([reportsDir, resources], table);
    expect(run.output.split('\n')[0]).toBe('4 reports, 11 results: pass 3, fail 4, warn 1, error 1, skip 2');
    expect(run.output).toMatch(/^storefront +2 +1 +0 +1 +0 +4$/m);
    expect(run.output).toMatch(/^payments-api +1 +1 +1 +0 +1 +4$/m);
    expect(run.exitCode).toBe(EXIT.ok);
  });

  it('notes the non-report documents it ignores, with file:line', () => {
    const run = runReport([reportsDir, resources], table);
    expect(run.notes).toContain(`${resources}:2: skipped Namespace shop: not a policy report`);
    expect(run.notes).toHaveLength(4);
  });

  it.each([
    [{ exitOnViolations: true }, EXIT.violations],
    [{ exitOnViolations: true, policy: 'payments/*' }, EXIT.ok],
    [{ exitOnViolations: true, namespace: 'payments', failuresOnly: true }, EXIT.violations],
    [{ exitOnViolations: false }, EXIT.ok],
    [{}, EXIT.ok],
  ])('exit code with %j is %i', (opts, code) => {
    expect(runReport([reportsDir], { ...table, ...opts }).exitCode).toBe(code);
  });

  it.each([
    ['table', /^4 reports, 11 results/],
    ['json', /^\{\n {2}"reports": 4,/],
    ['markdown', /^## Policy report summary\n/],
  ] as const)('renders %s', (output, pattern) => {
    expect(runReport([reportsDir], { output }).output).toMatch(pattern);
  });

  it.each([
    ['table', 'policy', 'require-labels', /^1 report, 2 results: pass 1, fail 1/],
    ['json', 'namespace', 'shop', /"total": 3/],
    ['markdown', 'failuresOnly', true, /4 reports, 5 results: pass 0, fail 4, warn 0, error 1, skip 0/],
  ] as const)('passes the %s filter %s=%s on', (output, key, value, pattern) => {
    const inputs = key === 'policy' ? [fixturePath('reports/cluster.yaml')] : [reportsDir];
    expect(runReport(inputs, { output, [key]: value }).output).toMatch(pattern);
  });

  it.each([[['-']], [[]]])('reads stdin for %j', (inputs) => {
    const stdin = readFileSync(fixturePath('reports/openreports.yaml'), 'utf8');
    const run = runReport(inputs, { output: 'json', stdin, exitOnViolations: true });
    expect(JSON.parse(run.output).totals).toMatchObject({ fail: 1, skip: 1, total: 2 });
    expect(run.exitCode).toBe(EXIT.violations);
  });

  it('expands a List of reports', () => {
    const doc = JSON.parse(runReport([fixturePath('report-list.yaml')], { output: 'json' }).output);
    expect(doc.reports).toBe(2);
    expect(doc.failures.map((f: { resource: { name: string } }) => f.resource.name)).toEqual(['web-2']);
  });

  it('summarises nothing from non-report documents, noting each', () => {
    const file = fixturePath('bad/not-a-report.yaml');
    const run = runReport([file], { ...table, exitOnViolations: true });
    expect(run.output).toContain('No report results matched.');
    expect(run.exitCode).toBe(EXIT.ok);
    expect(run.notes).toEqual([
      `${file}:1: skipped ConfigMap settings: not a policy report`,
      `${file}:6: skipped a document without apiVersion and kind: not a policy report`,
    ]);
  });

  it('notes report entries it cannot read', () => {
    const run = runReport([fixturePath('bad/bad-entries.yaml')], table);
    expect(run.notes).toEqual([
      'skipped PolicyReport shop/odd: results[0] has unknown result "passed"',
      'skipped PolicyReport shop/odd: results[1] is not an object',
      'skipped ClusterReport not-a-list: results is not a list',
    ]);
  });

  it.each([
    ['invalid YAML', [fixturePath('bad/invalid.yaml')], {}, /^.*bad\/invalid\.yaml:\d+: \S.*$/],
    ['invalid YAML on stdin', ['-'], { stdin: 'kind: [' }, /^<stdin>:\d+: \S.*$/],
    ['a missing file', [fixturePath('missing.yaml')], {}, /^.*missing\.yaml: \S.*$/],
    ['no input at all', [], {}, /^no report input: give report files or pipe them to stdin$/],
    ['the cluster source', [], { cluster: true }, /^reading reports from the cluster is not available yet$/],
  ])('fails with a one-line error for %s', (_what, inputs, opts, pattern) => {
    const e = failure(inputs, { ...table, ...opts });
    expect(e.message).toMatch(pattern);
    expect(e.exitCode).toBe(EXIT.usage);
  });
});
