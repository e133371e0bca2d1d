import { describe, expect, it } from 'vitest';
import type { ResultFilter } from './model.js';
import { failuresBy, filterSql, filterValues, policyResources, queryResults, trend } from './queries.js';
import { openStore, saveSnapshot } from './store.js';
import { row, snapshotOf } from './testdata/rows.js';

const rows = [
  row({ name: 'web', team: 'shop-team', file: 'apps/web.yaml', line: 4 }),
  row({ name: 'api', result: 'pass', team: 'shop-team' }),
  row({ name: 'debug', namespace: 'sandbox', team: 'platform', message: 'Label TEAM missing' }),
  row({
    policy: 'disallow-latest',
    rule: 'no-latest',
    name: 'web',
    kind: 'StatefulSet',
    result: 'error',
    severity: 'medium',
    category: 'Best Practices',
  }),
];

function store() {
  const db = openStore(':memory:');
  saveSnapshot(db, snapshotOf(rows));
  return db;
}

describe('filterSql', () => {
  it.each<{ filter: ResultFilter; where: string; params: string[] }>([
    { filter: {}, where: '', params: [] },
    { filter: { policy: 'p', result: 'fail' }, where: 'WHERE policy = ? AND result = ?', params: ['p', 'fail'] },
    { filter: { namespace: '', team: 't' }, where: 'WHERE team = ?', params: ['t'] },
    {
      filter: { severity: 'high', category: 'c' },
      where: 'WHERE severity = ? AND category = ?',
      params: ['high', 'c'],
    },
    { filter: { q: 'WeB' }, where: 'WHERE (instr(lower(name), ?) > 0', params: ['web', 'web', 'web', 'web'] },
  ])('$filter', ({ filter, where, params }) => {
    const sql = filterSql(filter);
    expect(sql.where.startsWith(where)).toBe(true);
    expect(sql.params).toEqual(params);
  });

  it('never splices values into the SQL', () => {
    expect(filterSql({ policy: "x' OR 1=1 --" }).where).toBe('WHERE policy = ?');
  });
});

describe('queryResults', () => {
  it.each<{ name: string; filter: ResultFilter; names: string[] }>([
    { name: 'no filter: every row in snapshot order', filter: {}, names: ['web', 'api', 'debug', 'web'] },
    { name: 'by namespace', filter: { namespace: 'sandbox' }, names: ['debug'] },
    { name: 'by team', filter: { team: 'shop-team' }, names: ['web', 'api'] },
    { name: 'by kind', filter: { kind: 'StatefulSet' }, names: ['web'] },
    { name: 'by result', filter: { result: 'pass' }, names: ['api'] },
    { name: 'search is case-insensitive over the message', filter: { q: 'team missing' }, names: ['debug'] },
    { name: 'search over the resource name', filter: { q: 'DEB' }, names: ['debug'] },
    { name: 'filters combine', filter: { policy: 'require-team-label', result: 'fail' }, names: ['web', 'debug'] },
  ])('$name', ({ filter, names }) => {
    expect(queryResults(store(), filter, { page: 1, pageSize: 50 }).rows.map((r) => r.name)).toEqual(names);
  });

  it('pages server-side with the total of all matches', () => {
    const db = store();
    const second = queryResults(db, {}, { page: 2, pageSize: 3 });
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]).toEqual(rows[3]);
  });
});

describe('aggregates', () => {
  it.each([
    {
      by: 'namespace' as const,
      want: [
        { key: 'shop', failures: 2 },
        { key: 'sandbox', failures: 1 },
      ],
    },
    {
      by: 'team' as const,
      want: [
        { key: null, failures: 1 },
        { key: 'platform', failures: 1 },
        { key: 'shop-team', failures: 1 },
      ],
    },
    {
      by: 'policy' as const,
      want: [
        { key: 'require-team-label', failures: 2 },
        { key: 'disallow-latest', failures: 1 },
      ],
    },
  ])('failures by $by count fail and error', ({ by, want }) => {
    expect(failuresBy(store(), by, {})).toEqual(want);
  });

  it('lists the filter values present', () => {
    expect(filterValues(store())).toEqual({
      policy: ['disallow-latest', 'require-team-label'],
      namespace: ['sandbox', 'shop'],
      team: ['platform', 'shop-team'],
      kind: ['Deployment', 'StatefulSet'],
      result: ['pass', 'fail', 'error'],
      severity: ['medium'],
      category: ['Best Practices'],
    });
  });

  it("drills into a policy's resources, failing first, with their messages and Git location", () => {
    const resources = policyResources(store(), 'require-team-label', 10);
    expect(resources.map((r) => r.name)).toEqual(['web', 'debug', 'api']);
    expect(resources[0]).toMatchObject({ file: 'apps/web.yaml', line: 4, team: 'shop-team' });
    expect(resources[0].results).toEqual([
      { rule: 'check-team', result: 'fail', message: "label 'team' is required", timestamp: null },
    ]);
  });

  it('gives the trend of failures per policy over snapshots', () => {
    const db = store();
    saveSnapshot(db, snapshotOf([row({ result: 'pass' })], '2026-12-02T00:00:00.000Z'));
    expect(trend(db, 'require-team-label')).toEqual([
      { takenAt: '2026-12-01T00:00:00.000Z', policy: 'require-team-label', fail: 2, error: 0 },
      { takenAt: '2026-12-02T00:00:00.000Z', policy: 'require-team-label', fail: 0, error: 0 },
    ]);
  });

  it('spreads a long history over at most maxPoints spans of time, each showing its latest snapshot', () => {
    const db = openStore(':memory:');
    // 48 hourly snapshots: fail counts 0..47.
    for (let h = 0; h < 48; h++)
      saveSnapshot(
        db,
        snapshotOf(
          Array.from({ length: h }, (_, i) => row({ name: `r${i}` })),
          new Date(Date.UTC(2026, 11, 1, h)).toISOString(),
        ),
      );
    expect(trend(db, 'require-team-label', 100)).toHaveLength(47); // the first snapshot has no row for the policy
    const spread = trend(db, 'require-team-label', 4);
    expect(spread.map((p) => [p.takenAt.slice(8, 13), p.fail])).toEqual([
      ['01T11', 11],
      ['01T23', 23],
      ['02T11', 35],
      ['02T23', 47],
    ]);
  });
});
