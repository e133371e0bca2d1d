// The CEL policy kinds in `tollgate apply` and `tollgate check` (offline: the given resources are the cluster).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/index.js';
import { applyExitCode, countResults, renderApply, runApply } from './commands/apply.js';
import { runCheck } from './commands/check-run.js';

const root = fileURLToPath(new URL('./testdata/cel-offline/', import.meta.url));
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));

describe('tollgate apply with CEL policies', () => {
  const run = runApply([`${root}policies`], { resource: [`${root}manifests`] }, clock);
  const statusOf = (policy: string, name: string) =>
    run.resources.flatMap((r) => r.results).find((r) => r.policy === policy && r.resource.name === name)?.status;

  it.each([
    ['require-owner', 'cart', 'pass'],
    ['require-owner', 'orphan', 'fail'],
    ['owner-has-configmap', 'cart', 'pass'],
    ['owner-has-configmap', 'orphan', 'fail'],
    ['add-managed', 'cart', 'pass'],
    ['owners-configmap', 'shop', 'pass'],
  ])('%s on %s: %s', (policy, name, status) => {
    expect(statusOf(policy, name)).toBe(status);
  });

  it('reports mutations, generated objects, counts and the Deny exit code', () => {
    const cart = run.resources.find(
      (r) => r.original.metadata && (r.original.metadata as { name: string }).name === 'cart',
    )!;
    expect(cart.mutated.metadata).toMatchObject({ annotations: { managed: 'true' } });
    expect(run.resources.flatMap((r) => r.generated.map((g) => g.resource.kind))).toEqual(['ConfigMap']);
    expect(countResults(run)).toEqual({ pass: 5, fail: 2, warn: 0, error: 0, skip: 0 });
    expect(applyExitCode(run)).toBe(1);
  });

  it('prints CEL failures without a rule name, with file:line of the resource', () => {
    const text = renderApply(run, { resource: [] }, clock);
    expect(text).toMatch(
      /policy require-owner -> resource dev\/Pod\/orphan failed \(Enforce\):\n {2}pods need an owner label\n {2}at .*app\.yaml:23/,
    );
    expect(text).toMatch(/policy owner-has-configmap -> resource dev\/Pod\/orphan failed \(Audit\)/);
    expect(text).toMatch(/policy add-managed -> resource shop\/Pod\/cart mutated\n/);
  });
});

describe('tollgate check with CEL policies', () => {
  const { report, previews } = runCheck(root, { policies: [] }, clock);

  it('lists ValidatingPolicy findings with file:line and counts Deny failures as blocking', () => {
    const orphan = report.results.filter((r) => r.resource.name === 'orphan' && r.result === 'fail');
    expect(orphan.map((f) => [f.policy, f.action, f.line])).toEqual([
      ['require-owner', 'Enforce', 23],
      ['owner-has-configmap', 'Audit', 23],
    ]);
    expect(report.summary.blocking).toBe(1);
    expect(report.errors).toEqual([]);
  });

  it('previews MutatingPolicy changes and GeneratingPolicy objects', () => {
    const names = previews.map((p) => (p.original.metadata as { name: string }).name).sort();
    expect(names).toEqual(['cart', 'orphan', 'shop']);
  });
});
