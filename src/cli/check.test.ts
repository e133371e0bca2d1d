// `tollgate check`: the README's main command, line accuracy, exit codes and --base on a real git repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/ports.js';
import { checkCommand, type CheckOptions } from './commands/check.js';

const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const starter = here('../../policies/starter');
const hasKustomize = ['kustomize', 'kubectl'].some(
  (t) => spawnSync(t, ['version', '--client'], { stdio: 'ignore' }).status === 0,
);
const check = (root: string, o: Partial<CheckOptions> = {}) =>
  checkCommand(root, { policies: [], output: 'json', ...o }, clock, 'test');
const json = (root: string, o: Partial<CheckOptions> = {}) => JSON.parse(check(root, o).output);

describe('the README main command', () => {
  it.skipIf(!hasKustomize)('renders the example repo and shows grouped violations with file:line', () => {
    const r = checkCommand(here('../../examples/gitops-repo'), { policies: [], output: 'text' }, clock, 'test');
    // The base defines the Deployment; the production overlay's `images:` entry sets the :latest tag.
    expect(r.output).toMatch(/^apps\/shop\/overlays\/production\/kustomization\.yaml$/m);
    expect(r.output).toMatch(
      /apps\/shop\/overlays\/production\/kustomization\.yaml:8:5 +disallow-latest-tag\/autogen-disallow-latest +Deployment shop-production\/shop +\[Enforce — blocks sync\]/,
    );
    expect(r.output).toMatch(/> +8 \| +newTag: latest/);
    expect(r.output).toMatch(
      /apps\/shop\/base\/deployment\.yaml:\d+:\d+ +require-ownership-labels\/require-ownership-labels +Deployment shop-production\/shop +\[Audit\]/,
    );
    expect(r.exitCode).not.toBe(0);
  });
});

describe('line accuracy', () => {
  const root = here('./testdata/line-accuracy');
  const report = json(root, { policies: [starter] });
  const failing = report.results.filter((f: { result: string }) => f.result === 'fail');
  const marks = readdirSync(join(root, 'manifests')).flatMap((file) =>
    readFileSync(join(root, 'manifests', file), 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        const m = /# expect: (\S+)/.exec(text);
        return m && !text.trimStart().startsWith('#') ? [{ file: `manifests/${file}`, line: i + 1, rule: m[1] }] : [];
      }),
  );

  it('covers at least 20 distinct violation kinds', () => {
    expect(new Set(marks.map((m) => m.rule)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(marks.map((m) => [m.rule, m] as const))('%s is reported at the line of the offending field', (_rule, m) => {
    const lines = failing
      .filter(
        (f: { file: string; policy: string; rule: string }) => f.file === m.file && `${f.policy}/${f.rule}` === m.rule,
      )
      .map((f: { line: number }) => f.line);
    expect(lines).toContain(m.line);
  });
});

describe('exit codes', () => {
  const dirs: string[] = [];
  const repo = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-check-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const policy = (action: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: require-team }
spec:
  validationFailureAction: ${action}
  rules:
    - name: team
      match: { any: [{ resources: { kinds: [ConfigMap] } }] }
      validate: { pattern: { metadata: { labels: { team: "?*" } } } }
`;
  const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, labels: { team: t } }\n';
  const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n';

  it.each([
    ['no violation', { 'p.yaml': policy('Enforce'), 'a.yaml': good }, {}, 0],
    ['an Audit violation', { 'p.yaml': policy('Audit'), 'b.yaml': bad }, {}, 0],
    ['an Audit violation with --strict', { 'p.yaml': policy('Audit'), 'b.yaml': bad }, { strict: true }, 1],
    ['an Enforce violation', { 'p.yaml': policy('Enforce'), 'b.yaml': bad }, {}, 1],
    [
      'a YAML syntax error in one file',
      { 'p.yaml': policy('Audit'), 'a.yaml': good, 'broken.yaml': 'kind: [\n' },
      {},
      2,
    ],
  ] as const)('%s → %i', (_name, files, opts, code) => {
    expect(check(repo(files), opts).exitCode).toBe(code);
  });

  it('a 50 MB file is skipped with a clear note, and the rest is still checked', () => {
    const dir = repo({ 'p.yaml': policy('Enforce'), 'b.yaml': bad });
    writeFileSync(join(dir, 'huge.yaml'), '');
    truncateSync(join(dir, 'huge.yaml'), 50 * 1024 * 1024);
    const r = check(dir);
    const report = JSON.parse(r.output);
    expect(report.skipped).toContainEqual({ path: 'huge.yaml', reason: expect.stringMatching(/larger than 20 MiB/) });
    expect(report.summary.blocking).toBe(1);
    expect(r.exitCode).toBe(1);
  });

  it('a syntax error is reported with file:line and the rest is still checked', () => {
    const r = json(repo({ 'p.yaml': policy('Audit'), 'b.yaml': bad, 'broken.yaml': 'a: 1\nkind: [\n' }));
    expect(r.errors).toEqual([expect.objectContaining({ file: 'broken.yaml', line: expect.any(Number) })]);
    expect(
      r.results.some(
        (f: { resource: { name: string }; result: string }) => f.resource.name === 'b' && f.result === 'fail',
      ),
    ).toBe(true);
  });
});

describe('--base', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-base-repo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@e',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@e',
      },
    });
  cpSync(here('./testdata/line-accuracy/policies'), join(dir, 'policies'), { recursive: true });
  const pod = (name: string, privileged: boolean) =>
    `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/acme/app:1.0.0\n      securityContext: { allowPrivilegeEscalation: false, privileged: ${privileged} }\n`;
  writeFileSync(join(dir, 'old.yaml'), pod('old', true));
  writeFileSync(join(dir, 'kept.yaml'), pod('kept', true));
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  // The change: fixes `old`, keeps `kept` as it was (moved down a line), adds a new violation.
  writeFileSync(join(dir, 'old.yaml'), pod('old', false));
  writeFileSync(join(dir, 'kept.yaml'), `# moved\n${pod('kept', true)}`);
  writeFileSync(join(dir, 'new.yaml'), pod('new', true));

  const failures = (r: { results: { result: string; resource: { name: string }; rule: string; change?: string }[] }) =>
    r.results
      .filter((f) => f.result === 'fail' && f.rule === 'privileged')
      .map((f) => `${f.resource.name}:${f.change ?? ''}`);

  it('reports only violations the change introduced, matched by identity not line', () => {
    expect(failures(json(dir, { base: 'main' }))).toEqual(['new:new']);
  });

  it('counts what it leaves out, so the summary adds up to the checks made', () => {
    const all = json(dir, {}).summary;
    const withBase = json(dir, { base: 'main' }).summary;
    const total = (s: Record<string, number>) => s.pass + s.fail + s.warn + s.error + s.skip;
    expect(withBase.unchanged).toBeGreaterThan(0);
    expect(total(withBase) + withBase.unchanged).toBe(total(all));
    expect(check(dir, { base: 'main', output: 'text' }).output).toMatch(
      new RegExp(
        `${total(all)} checks: .*compared with the base: ${withBase.fail} new failures, ${withBase.unchanged} failing there too \\(not listed\\)`,
      ),
    );
  });

  it('--show-fixed also lists the violations the change fixed', () => {
    const r = json(dir, { base: 'main', showFixed: true });
    expect(
      r.results
        .filter((f: { change?: string }) => f.change === 'fixed')
        .map((f: { resource: { name: string } }) => f.resource.name),
    ).toContain('old');
  });

  it('an unknown base revision is a clear error', () => {
    expect(() => check(dir, { base: 'no-such-ref' })).toThrow(
      /^--base no-such-ref: no such commit, branch or tag in .*fetch-depth: 0\)$/,
    );
  });
});

describe('admission preview and policy reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-preview-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(starter, 'add-default-requests'), join(dir, 'policies', 'add-default-requests'), { recursive: true });
  cpSync(join(starter, 'add-namespace-defaults'), join(dir, 'policies', 'add-namespace-defaults'), { recursive: true });
  rmSync(join(dir, 'policies', 'add-default-requests', '.kyverno-test'), { recursive: true, force: true });
  rmSync(join(dir, 'policies', 'add-namespace-defaults', '.kyverno-test'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'app.yaml'),
    'apiVersion: v1\nkind: Namespace\nmetadata: { name: team-a, labels: { team: a } }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: team-a }\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/acme/web:1.0.0\n',
  );

  it('--show-mutations shows what mutate policies change and what generate rules create', () => {
    const r = checkCommand(dir, { policies: [], output: 'text', showMutations: true }, clock, 'test');
    expect(r.output).toMatch(/^\+\s+cpu: 100m$/m);
    expect(r.output).toMatch(/would create team-a\/ResourceQuota\/default-quota/);
    expect(r.output).toMatch(/would create team-a\/NetworkPolicy\/default-deny/);
  });

  it('policyreport prints wgpolicyk8s.io/v1alpha2 reports by namespace', () => {
    const r = checkCommand(
      here('./testdata/line-accuracy'),
      { policies: [starter], output: 'policyreport' },
      clock,
      'test',
    );
    const list = parse(r.output);
    expect(list.items.length).toBeGreaterThan(1);
    for (const report of list.items) {
      expect(report.apiVersion).toBe('wgpolicyk8s.io/v1alpha2');
      expect(report.summary.fail).toBe(report.results.filter((x: { result: string }) => x.result === 'fail').length);
    }
  });
});
