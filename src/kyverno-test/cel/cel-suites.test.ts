// End-to-end `kyverno test` suites for the CEL policy kinds (kyverno-cel-semantics §6).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CompileCache, fixedClock } from '../../engine/index.js';
import { runTests } from '../../cli/commands/test.js';
import { loadSuite, readTests } from '../load-suite.js';
import { runResource } from '../run-resource.js';

const dir = fileURLToPath(new URL('../testdata/suites/', import.meta.url));
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));

describe('CEL policy kinds in kyverno test suites', () => {
  const report = runTests([dir], {}, clock);
  const suite = (name: string) => report.suites.find((s) => s.name === name)!;

  it.each(['cel-validating', 'cel-mutate-generate'])('%s passes every row', (name) => {
    expect(suite(name).error).toBeNull();
    expect(suite(name).rows.filter((r) => !r.ok)).toEqual([]);
    expect(suite(name).rows.every((r) => r.reason === 'Ok')).toBe(true);
  });

  it.each([
    ['pods-only', 'web', false, 'Not found'],
    ['prod-only', 'dev-pod', true, 'Excluded'],
    ['prod-only', 'prod-pod', true, 'Ok'],
    ['add-label', 'dev-pod', false, 'Resource diff'],
    ['add-label', 'prod-pod', true, 'Not in patchedResources'],
  ])('row %s %s → ok=%s, %s', (policy, resource, ok, reason) => {
    const row = suite('cel-row-reasons').rows.find((r) => r.policy === policy && r.resource === resource);
    expect(row).toMatchObject({ ok, reason });
  });

  it('a compile error fails the whole suite with the policy and the file:line', () => {
    expect(suite('cel-invalid').error).toMatch(/^failed to compile policy broken \(.*policy\.yaml:13: /);
    expect(suite('cel-invalid').rows).toEqual([expect.objectContaining({ ok: false })]);
  });
});

describe('CEL responses of one resource', () => {
  const file = `${dir}cel-validating/kyverno-test.yaml`;
  const loaded = loadSuite(file, readTests(file)[0].test!, new CompileCache());
  const responses = (name: string, policy: string, operation?: string) => {
    const resource = loaded.resources.find((r) => (r.metadata as { name: string }).name === name)!;
    return runResource(loaded, resource, operation, clock).responses.filter((r) => r.policy.name === policy);
  };
  const rule = (name: string, policy: string, operation?: string) => responses(name, policy, operation)[0]?.rules[0];

  it.each([
    ['unknown-team', 'known-team', 'fail', 'team label must name a known team'],
    ['frozen', 'known-team', 'fail', 'namespace is frozen'],
    ['frozen', 'approved-images', 'fail', 'image not built for amd64'],
    ['good', 'approved-images', 'pass', 'success'],
  ])('%s under %s: %s (%s)', (name, policy, status, message) => {
    expect(rule(name, policy)).toMatchObject({ status, message });
  });

  it('runs UPDATE rows with the user of the userinfo file and no response on CREATE', () => {
    expect(rule('web', 'stable-replicas', 'UPDATE')).toMatchObject({ status: 'pass' });
    expect(responses('web', 'stable-replicas')).toEqual([]);
  });
});
