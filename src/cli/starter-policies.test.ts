// The starter policy set ships with its own kyverno test suites; they must all pass.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock, type JsonObject } from '../engine/index.js';
import { parseQuantity } from '../engine/primitives/quantity-parse.js';
import { quantityToNumber } from '../engine/primitives/quantity-arithmetic.js';
import { runApply } from './commands/apply.js';
import { runTests } from './commands/test.js';

const policies = fileURLToPath(new URL('../../policies/', import.meta.url));

const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));

describe('policies/starter', () => {
  const report = runTests([policies], {}, clock);

  it('has a suite for each starter policy', () => {
    expect(report.suites.map((s) => s.name).sort()).toEqual(
      [
        'add-default-requests',
        'add-namespace-defaults',
        'disallow-latest-tag',
        'require-ownership-labels',
        'require-resource-limits',
        'restrict-image-registries',
      ].sort(),
    );
  });

  it.each(report.suites.map((s) => [s.name, s] as const))('%s passes every row', (_name, suite) => {
    expect(suite.error).toBeNull();
    expect(suite.rows.filter((r) => !r.ok)).toEqual([]);
  });
});

// Kubernetes rejects a container whose request is above its limit, and sets a missing request to the limit.
describe('add-default-requests', () => {
  const dir = `${policies}starter/add-default-requests/`;
  const run = runApply(
    [`${dir}add-default-requests.yaml`],
    { resource: [`${dir}.kyverno-test/resources.yaml`] },
    clock,
  );
  const containers = (o: JsonObject): JsonObject[] => {
    const spec = o.spec as JsonObject;
    const pod = (((spec.jobTemplate as JsonObject)?.spec as JsonObject)?.template ?? spec.template) as JsonObject;
    return ((pod?.spec ?? spec) as { containers: JsonObject[] }).containers;
  };
  const value = (q: unknown) => {
    const parsed = parseQuantity(String(q));
    if (!parsed) throw new Error(`not a quantity: ${String(q)}`);
    return quantityToNumber(parsed);
  };

  it.each(run.resources.map((r) => [(r.mutated.metadata as { name: string }).name, r.mutated] as const))(
    '%s: every request it leaves is at most its limit',
    (_name, mutated) => {
      for (const c of containers(mutated)) {
        const { requests = {}, limits = {} } = (c.resources ?? {}) as Record<string, Record<string, string>>;
        for (const [resource, limit] of Object.entries(limits))
          expect(value(requests[resource] ?? limit)).toBeLessThanOrEqual(value(limit));
      }
    },
  );

  it('gives low-limit containers their limits as requests, not a default above them', () => {
    const low = run.resources.find((r) => (r.original.metadata as { name: string }).name === 'low-limits-pod')!;
    expect(containers(low.mutated).map((c) => (c.resources as JsonObject).requests)).toEqual([
      { cpu: '50m', memory: '64Mi' },
      { cpu: '50m', memory: '128Mi' },
    ]);
  });
});
