import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CheckFinding, CheckReport } from './check-model.js';
import { renderCheckText } from './check-text.js';
import { finding } from './testdata/findings.js';

const report = parse(readFileSync(new URL('./testdata/check-report.yaml', import.meta.url), 'utf8')) as CheckReport;
const deployment = readFileSync(new URL('./testdata/deployment.yaml', import.meta.url), 'utf8');
const source = (file: string) => (file === 'apps/web/deployment.yaml' ? deployment : undefined);
// An SGR escape sequence; built from the ESC code because lint forbids control characters in regex literals.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

const EXPECTED = `apps/db/statefulset.yaml
  error  apps/db/statefulset.yaml:1  check-image/verify-registry  StatefulSet data/db  [Enforce]
    failed to substitute variables: variable images.containers.db not found

apps/web/deployment.yaml
  fail   apps/web/deployment.yaml:6:3  require-labels/check-team  Deployment prod/web  [Enforce — blocks sync] (new)
    validation error: label team is required.
    rule check-team failed at path /metadata/labels/team/
      4 |   name: web
      5 |   namespace: prod
    > 6 |   labels:
        |   ^
      7 |     app: web
      8 | spec:

  fail   apps/web/deployment.yaml:13:11  require-probes/readiness  Deployment prod/web  [Audit]
    validation error: readinessProbe is required. rule readiness failed at path /spec/template/spec/containers/0/readinessProbe/
      11 |     spec:
      12 |       containers:
    > 13 |         - name: web
         |           ^
      14 |           image: nginx:1.27
      15 |           ports:

apps/web/service.yaml
  warn   apps/web/service.yaml:1  restrict-nodeport/validate-nodeport  Service prod/web  [Warning]
    Services of type NodePort are not allowed.

cluster/namespace.yaml
  fail   cluster/namespace.yaml:3:3  require-labels/check-team  Namespace prod  [Enforce — blocks sync]
    validation error: label team is required. rule check-team failed at path /metadata/labels/

Errors:
  apps/broken.yaml:4: bad indentation of a mapping entry

Not evaluated:
  apps/legacy: Helm chart needs helm, which is not installed
  policies/cel.yaml:2: ValidatingPolicy (CEL policy) is not supported yet

4 resources, 7 checks: 1 passed, 3 failed (2 blocking), 1 warnings, 1 errors, 1 skipped
`;

function only(results: CheckFinding[]): CheckReport {
  return { results, errors: [], skipped: [], summary: { ...report.summary } };
}

describe('renderCheckText', () => {
  it('groups problems by sorted file and line, with code frames, load errors, skips and the summary', () => {
    expect(renderCheckText(report, { color: false, source })).toBe(EXPECTED);
  });

  it('leaves passes and skipped rules out of the problem list', () => {
    const text = renderCheckText(report, { color: false, source });
    expect(text).not.toContain('disallow-latest-tag');
    expect(text).not.toContain('PolicyException');
  });

  it('prints no code frame when the source is unavailable', () => {
    expect(renderCheckText(report, { color: false })).not.toContain(' | ');
  });

  it.each([
    ['Enforce failure', finding({}), false, '[Enforce — blocks sync]'],
    ['Audit failure', finding({ action: 'Audit' }), false, '[Audit]'],
    ['Audit failure, --strict', finding({ action: 'Audit' }), true, '[Audit — fails with --strict]'],
    ['Enforce rule error', finding({ result: 'error' }), false, '[Enforce]'],
    [
      'Audit rule error, --strict',
      finding({ result: 'error', action: 'Audit' }),
      true,
      '[Audit — fails with --strict]',
    ],
    ['warning', finding({ result: 'warn' }), true, '[Warning]'],
  ])('tags a %s', (_name, f, strict, tag) => {
    const head = renderCheckText(only([f]), { color: false, strict }).split('\n')[1];
    expect(head).toBe(`  ${f.result.padEnd(5)}  a.yaml:1  p/r  Pod ns/x  ${tag}`);
  });

  it.each([
    ['namespaced', { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'x' }, 'Pod ns/x'],
    ['cluster-scoped', { apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'ns' }, 'Namespace ns'],
  ])('names a %s resource', (_name, resource, label) => {
    expect(renderCheckText(only([finding({ resource })]), { color: false })).toContain(`  ${label}  `);
  });

  it('colours only when asked', () => {
    expect(renderCheckText(report, { color: false, source })).not.toMatch(ANSI);
    const colored = renderCheckText(report, { color: true, source });
    expect(colored).toMatch(ANSI);
    expect(colored.replace(new RegExp(ANSI.source, 'g'), '')).toBe(EXPECTED);
  });

  it('never prints a line that is only "N passed, N failed"', () => {
    for (const color of [false, true])
      for (const line of renderCheckText(report, { color }).split('\n'))
        expect(line.replace(new RegExp(ANSI.source, 'g'), '')).not.toMatch(/^\s*\d+ passed, \d+ failed\s*$/);
  });

  it('says so when nothing fails', () => {
    const text = renderCheckText(only([finding({ result: 'pass' })]), { color: false });
    expect(text.split('\n')[0]).toBe('No failing checks.');
  });

  it('lists violations a change fixed', () => {
    const fixed = finding({ result: 'pass', change: 'fixed', line: 7, message: 'fixed: m' });
    expect(renderCheckText(only([fixed]), { color: false })).toContain(
      'Fixed by this change:\n  a.yaml:7  p/r  Pod ns/x\n',
    );
  });

  it('reads each source file once', () => {
    const seen: string[] = [];
    renderCheckText(report, { color: false, source: (f) => (seen.push(f), source(f)) });
    expect(seen.sort()).toEqual([...new Set(seen)].sort());
    expect(seen).toContain('apps/web/deployment.yaml');
  });
});
