// Rows and snapshots for the dashboard's tests.
import type { ResultRow, Snapshot } from '../model.js';
import { policySummaries } from '../snapshot.js';

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
    category: null,
    timestamp: null,
    file: null,
    line: null,
    ...over,
  };
}

/** A snapshot of `results`, with counts per policy computed from them. */
export function snapshotOf(results: ResultRow[], takenAt = '2026-12-01T00:00:00.000Z'): Snapshot {
  return { takenAt, source: 'test', policies: policySummaries(results), results };
}
