// The starter policy set ships with its own kyverno test suites; they must all pass.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/ports.js';
import { runTests } from './commands/test.js';

const policies = fileURLToPath(new URL('../../policies/', import.meta.url));

describe('policies/starter', () => {
  const report = runTests([policies], {}, fixedClock(new Date('2026-06-01T00:00:00Z')));

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
