import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterReportWriter } from '../../cluster/report-writer.js';
import { FakeApiServer } from '../../cluster/testdata/fake-api-server.js';
import type { JsonObject } from '../../engine/json.js';
import type { RuleResult } from '../../engine/result/rule-result.js';
import { fixturePath, loadDocs } from '../../report/summary/testdata/load.js';
import { ReportStore } from '../../server/report-store.js';
import { EXIT, UserError } from '../errors.js';
import { main } from '../main.js';
import { runReport, type ReportOptions } from './report.js';

const reportsDir = fixturePath('reports');
const resources = fixturePath('resources.yaml');
const table: ReportOptions = { output: 'table' };

/** The error runReport throws for these arguments. */
async function failure(inputs: string[], opts: ReportOptions): Promise<UserError> {
  try {
    await runReport(inputs, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('runReport did not fail');
}

describe('runReport', () => {
  it('summarises every report of a directory, teams taken from the resources given', async () => {
    const run = await runReport([reportsDir, resources], table);
    expect(run.output.split('\n')[0]).toBe('4 reports, 11 results: pass 3, fail 4, warn 1, error 1, skip 2');
    expect(run.output).toMatch(/^storefront +2 +1 +0 +1 +0 +4$/m);
    expect(run.output).toMatch(/^payments-api +1 +1 +1 +0 +1 +4$/m);
    expect(run.exitCode).toBe(EXIT.ok);
  });

  it('notes the non-report documents it ignores, with file:line', async () => {
    const run = await runReport([reportsDir, resources], table);
    expect(run.notes).toContain(`${resources}:2: skipped Namespace shop: not a policy report`);
    expect(run.notes).toHaveLength(4);
  });

  it.each([
    [{ exitOnViolations: true }, EXIT.violations],
    [{ exitOnViolations: true, policy: 'payments/*' }, EXIT.ok],
    [{ exitOnViolations: true, namespace: 'payments', failuresOnly: true }, EXIT.violations],
    [{ exitOnViolations: false }, EXIT.ok],
    [{}, EXIT.ok],
  ])('exit code with %j is %i', async (opts, code) => {
    expect((await runReport([reportsDir], { ...table, ...opts })).exitCode).toBe(code);
  });

  it.each([
    ['table', /^4 reports, 11 results/],
    ['json', /^\{\n {2}"reports": 4,/],
    ['markdown', /^## Policy report summary\n/],
  ] as const)('renders %s', async (output, pattern) => {
    expect((await runReport([reportsDir], { output })).output).toMatch(pattern);
  });

  it.each([
    ['table', 'policy', 'require-labels', /^1 report, 2 results: pass 1, fail 1/],
    ['json', 'namespace', 'shop', /"total": 3/],
    ['markdown', 'failuresOnly', true, /4 reports, 5 results: pass 0, fail 4, warn 0, error 1, skip 0/],
  ] as const)('passes the %s filter %s=%s on', async (output, key, value, pattern) => {
    const inputs = key === 'policy' ? [fixturePath('reports/cluster.yaml')] : [reportsDir];
    expect((await runReport(inputs, { output, [key]: value })).output).toMatch(pattern);
  });

  it.each([[['-']], [[]]])('reads stdin for %j', async (inputs) => {
    const stdin = readFileSync(fixturePath('reports/openreports.yaml'), 'utf8');
    const run = await runReport(inputs, { output: 'json', stdin, exitOnViolations: true });
    expect(JSON.parse(run.output).totals).toMatchObject({ fail: 1, skip: 1, total: 2 });
    expect(run.exitCode).toBe(EXIT.violations);
  });

  it('expands a List of reports', async () => {
    const doc = JSON.parse((await runReport([fixturePath('report-list.yaml')], { output: 'json' })).output);
    expect(doc.reports).toBe(2);
    expect(doc.failures.map((f: { resource: { name: string } }) => f.resource.name)).toEqual(['web-2']);
  });

  it('summarises nothing from non-report documents, noting each; nothing to check is not a pass', async () => {
    const file = fixturePath('bad/not-a-report.yaml');
    const run = await runReport([file], { ...table, exitOnViolations: true });
    expect(run.output).toContain('No report results matched.');
    expect(run.exitCode).toBe(EXIT.usage);
    expect(run.notes).toEqual([
      `${file}:1: skipped ConfigMap settings: not a policy report`,
      `${file}:6: skipped a document without apiVersion and kind: not a policy report`,
      'no PolicyReports were read',
    ]);
  });

  it.each([
    [
      { policy: 'disalow-latest-tag' },
      'no result matches --policy disalow-latest-tag (did you mean --policy disallow-latest-tag?)',
    ],
    [{ namespace: 'nowhere' }, 'no result matches --namespace nowhere'],
  ])('says when %j matches no result, and exits 2 with --exit-on-violations', async (filter, note) => {
    const run = await runReport([reportsDir], { ...table, ...filter, exitOnViolations: true });
    expect(run.notes).toContain(note);
    expect(run.exitCode).toBe(EXIT.usage);
    expect((await runReport([reportsDir], { ...table, ...filter })).exitCode).toBe(EXIT.ok);
  });

  it('notes report entries it cannot read', async () => {
    const run = await runReport([fixturePath('bad/bad-entries.yaml')], table);
    expect(run.notes).toEqual([
      'skipped PolicyReport shop/odd: results[0] has unknown result "passed"',
      'skipped PolicyReport shop/odd: results[1] is not an object',
      'skipped ClusterReport not-a-list: results is not a list',
      expect.stringMatching(/^owning teams are unknown: PolicyReports carry no labels; give the resources/),
    ]);
  });

  it.each([
    ['invalid YAML', [fixturePath('bad/invalid.yaml')], {}, /^.*bad\/invalid\.yaml:\d+: \S.*$/],
    ['invalid YAML on stdin', ['-'], { stdin: 'kind: [' }, /^<stdin>:\d+: \S.*$/],
    ['a missing file', [fixturePath('missing.yaml')], {}, /^.*missing\.yaml: \S.*$/],
    ['no input at all', [], {}, /^no report input: give report files or pipe them to stdin$/],
    ['a kubeconfig without --cluster', [], { kubeconfig: 'k.yaml' }, /^--kubeconfig and --context need --cluster$/],
  ])('fails with a one-line error for %s', async (_what, inputs, opts, pattern) => {
    const e = await failure(inputs, { ...table, ...opts });
    expect(e.message).toMatch(pattern);
    expect(e.exitCode).toBe(EXIT.usage);
  });
});

const WG = '/apis/wgpolicyk8s.io/v1alpha2';
const reportFiles = [fixturePath('reports/namespaced.yaml'), fixturePath('reports/cluster.yaml')];

/** A kubeconfig file whose current context `dead` points at a closed port and whose context `fake` at `server`. */
function writeKubeconfig(file: string, server: string, deadServer: string): string {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      { name: 'fake', server, skipTLSVerify: true },
      { name: 'dead', server: deadServer, skipTLSVerify: true },
    ],
    users: [{ name: 'u' }],
    contexts: [
      { name: 'fake', cluster: 'fake', user: 'u' },
      { name: 'dead', cluster: 'dead', user: 'u' },
    ],
    currentContext: 'dead',
  });
  writeFileSync(file, kc.exportConfig());
  return file;
}

// The fixture reports as a LIST serves them: items without apiVersion and kind.
function served(kind: string): { listKind: string; apiVersion: string; items: JsonObject[] } {
  const items = reportFiles.flatMap((f) => loadDocs(`reports/${f.split('/').at(-1)}`)).filter((d) => d.kind === kind);
  return {
    listKind: `${kind}List`,
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
  };
}

describe('runReport --cluster', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tollgate-report-cluster-'));
  const api = new FakeApiServer({
    [`${WG}/policyreports`]: served('PolicyReport'),
    [`${WG}/clusterpolicyreports`]: served('ClusterPolicyReport'),
  });
  let kubeconfig: string;
  const cluster = (opts: Partial<ReportOptions> = {}): ReportOptions => ({
    ...table,
    cluster: true,
    kubeconfig,
    context: 'fake',
    ...opts,
  });

  beforeAll(async () => {
    const dead = new FakeApiServer({});
    const deadUrl = await dead.listen();
    await dead.close();
    kubeconfig = writeKubeconfig(join(tmp, 'kubeconfig'), await api.listen(), deadUrl);
  });
  afterAll(async () => {
    await api.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each<Partial<ReportOptions>>([
    { output: 'table' },
    { output: 'json', exitOnViolations: true },
    { output: 'markdown', failuresOnly: true },
    { output: 'json', namespace: 'pay*' },
    { output: 'table', policy: 'require-*' },
  ])('summarises the same reports like the files do (%j)', async (opts) => {
    const fromFiles = await runReport(reportFiles, { ...table, ...opts });
    expect(await runReport([], cluster(opts))).toEqual(fromFiles);
  });

  it('lists only the namespace --namespace names exactly (and cluster-scoped reports), same results', async () => {
    const before = api.calls.length;
    const run = await runReport([], cluster({ output: 'json', namespace: 'shop' }));
    expect(api.calls.slice(before).map((c) => c.path)).toEqual([
      `${WG}/namespaces/shop/policyreports`,
      `${WG}/clusterpolicyreports`,
    ]);
    const fromFiles = await runReport(reportFiles, { output: 'json', namespace: 'shop' });
    expect(JSON.parse(run.output)).toEqual({ ...JSON.parse(fromFiles.output), reports: 2 });
  });

  it('adds the files given with --cluster, e.g. resources naming the owning teams', async () => {
    const run = await runReport([resources], cluster());
    expect(run.output).toMatch(/^storefront +\d+/m);
    expect(run.notes.join('\n')).not.toMatch(/owning teams are unknown/);
  });

  it('is wired into `tollgate report`: --kubeconfig and --context reach the cluster, failures print one line', async () => {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      expect(await main(['report', '--cluster', '--kubeconfig', kubeconfig, '--context', 'fake'])).toBe(EXIT.ok);
      expect(out).toMatch(/^3 reports, /);
      err = '';
      expect(await main(['report', '--cluster', '--kubeconfig', kubeconfig])).toBe(EXIT.usage);
      expect(err).toMatch(/^error: cannot reach the API server at http:\S+: \S[^\n]*\n$/);
    } finally {
      vi.restoreAllMocks();
      process.exitCode = undefined;
    }
  });

  it.each([
    ['an unreachable API server', {}, undefined, /^cannot reach the API server at http:\/\/127\.0\.0\.1:\d+: \S.*$/],
    [
      'a missing CRD',
      { context: 'fake' },
      404,
      /^http:\S+ does not serve PolicyReport \(\S+\): is the wgpolicyk8s\.io CRD installed\?$/,
    ],
    [
      'a forbidden LIST',
      { context: 'fake' },
      403,
      /^cannot list PolicyReport at http:\S+: GET \S+: HTTP 403: injected failure$/,
    ],
    ['an unknown context', { context: 'nope' }, undefined, /^the kubeconfig has no context "nope"$/],
    [
      'a missing kubeconfig',
      { kubeconfig: join(tmpdir(), 'no-such-kubeconfig') },
      undefined,
      /^cannot load the kubeconfig \S+: \S.*$/,
    ],
  ])('fails with a one-line error for %s', async (_what, opts, status, pattern) => {
    api.failWhen = () => status;
    const e = await failure([], cluster({ context: 'dead', ...opts }));
    api.failWhen = undefined;
    expect(e.message).toMatch(pattern);
    expect(e.exitCode).toBe(EXIT.usage);
  });
});

describe('reports of served admissions', () => {
  const result = (name: string, namespace: string, status: RuleResult['status']): RuleResult => ({
    policy: 'require-team',
    rule: 'team',
    ruleType: 'validate',
    resource: { apiVersion: 'v1', kind: 'Pod', namespace, name },
    status,
    message: `team ${status}`,
  });
  const tmp = mkdtempSync(join(tmpdir(), 'tollgate-report-roundtrip-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('summarise the same from --reports-dir files and from the reports written to the cluster', async () => {
    const store = new ReportStore();
    store.record([result('web', 'shop', 'fail')], 'uid-web');
    store.record([result('db', 'shop', 'pass')]);
    store.record([result('node-1', '', 'pass')], 'uid-node');
    const now = new Date('2026-06-01T00:00:00Z');
    store.flush(join(tmp, 'reports'), new Map(), now);
    const api = new FakeApiServer({});
    const kubeconfig = writeKubeconfig(join(tmp, 'kubeconfig'), await api.listen(), 'http://127.0.0.1:1');
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfig);
      kc.setCurrentContext('fake');
      expect(await new ClusterReportWriter(kc).write(store.reports(new Map(), now))).toMatchObject({ created: 3 });
      const fromFiles = await runReport([join(tmp, 'reports')], { output: 'json' });
      expect(JSON.parse(fromFiles.output)).toMatchObject({ reports: 3, totals: { pass: 2, fail: 1 } });
      expect(await runReport([], { output: 'json', cluster: true, kubeconfig, context: 'fake' })).toEqual(fromFiles);
    } finally {
      await api.close();
    }
  });
});
