// Rows and snapshots for the dashboard's tests.
import type { PolicySummary, ResultRow, Snapshot } from '../model.js';

/** A result row with defaults; `over` sets the fields a test is about. */
export function row(over: Partial<ResultRow> = {}): ResultRow {
  return {
    policy: 'require-team-label',
    rule: 'check-team',
    result: 'fail',
    message: "label 'team' is required",
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
    team: null,
    severity: null,
    timestamp: null,
    file: null,
    line: null,
    ...over,
  };
}

/** A snapshot of `results`, with counts per policy computed from them. */
export function snapshotOf(results: ResultRow[], takenAt = '2026-12-01T00:00:00.000Z'): Snapshot {
  const policies = new Map<string, PolicySummary>();
  for (const r of results) {
    const p = policies.get(r.policy) ?? {
      policy: r.policy,
      mode: 'Audit',
      ready: false,
      blockers: 0,
      pass: 0,
      fail: 0,
      warn: 0,
      error: 0,
      skip: 0,
    };
    policies.set(r.policy, { ...p, [r.result]: p[r.result] + 1 });
  }
  return { takenAt, source: 'test', policies: [...policies.values()], results };
}
