// A run for text or GitHub annotations counts passes instead of listing them: what those formats print, and the
// summary of every run, must not change.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../engine/ports.js';
import { checkTextChunks } from '../../report/check-text.js';
import { renderGithubAnnotations } from '../../report/github-annotations.js';
import type { CheckReport } from '../../report/check-model.js';
import { joinChunks } from '../../report/serialize/chunks.js';
import { compareWithBase } from './check-base.js';
import { checkRunOptions } from './check.js';
import { runCheck, type CheckRunOptions } from './check-run.js';

const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const policies = here('../testdata/line-accuracy/policies');

const dir = mkdtempSync(join(tmpdir(), 'tollgate-passes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pod = (name: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name} }\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/acme/app:1.0.0\n      securityContext: { allowPrivilegeEscalation: false, privileged: ${privileged} }\n`;
// The base has two privileged Pods; the head fixes one, keeps one and adds one.
const repo = (name: string, files: Record<string, string>) => {
  const root = join(dir, name);
  cpSync(policies, join(root, 'policies'), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return root;
};
const base = repo('base', { 'old.yaml': pod('old', true), 'kept.yaml': pod('kept', true) });
const head = repo('head', {
  'old.yaml': pod('old', false),
  'kept.yaml': pod('kept', true),
  'new.yaml': pod('new', true),
});
const passing = repo('passing', { 'ok.yaml': pod('ok', false) });

const run = (root: string, passes: CheckRunOptions['passes']) => runCheck(root, { policies: [], passes }, clock).report;
const text = (r: CheckReport) => joinChunks(checkTextChunks(r, { color: false }));

describe('passes counted, not listed', () => {
  const cases: { name: string; report: (passes: CheckRunOptions['passes']) => CheckReport }[] = [
    { name: 'a run with failures', report: (p) => run(head, p) },
    { name: 'a run where everything passes', report: (p) => run(passing, p) },
    { name: 'compared with the base', report: (p) => compareWithBase(run(head, p), run(base, p), false) },
    { name: 'compared with the base, fixed shown', report: (p) => compareWithBase(run(head, p), run(base, p), true) },
  ];
  it.each(cases)('$name: same summary, text and annotations', ({ report }) => {
    const listed = report('list');
    const counted = report('count');
    expect(listed.results.some((f) => f.result === 'pass')).toBe(true);
    expect(counted.results.filter((f) => f.result === 'pass' && f.change !== 'fixed')).toEqual([]);
    expect(counted.summary).toEqual(listed.summary);
    expect(text(counted)).toBe(text(listed));
    expect(renderGithubAnnotations(counted)).toBe(renderGithubAnnotations(listed));
  });

  it('a run where everything passes is not "nothing checked"', () => {
    const out = text(run(passing, 'count'));
    expect(out).toMatch(/No failing checks\./);
    expect(out).not.toMatch(/Nothing was checked/);
  });

  it.each([
    ['text', 'count'],
    ['github', 'count'],
    ['json', 'list'],
    ['junit', 'list'],
    ['sarif', 'list'],
    ['policyreport', 'list'],
  ] as const)('tollgate check -o %s runs with passes: %s', (output, passes) => {
    expect(checkRunOptions({ policies: [], output }).passes).toBe(passes);
  });
});
