// Reading the store for the API: filters turned into SQL (parameters, never spliced text), server-side pages,
// failure counts by namespace, team and policy, one policy's resources, and the trend of failures.
import { FILTER_FIELDS, type FilterField } from './filters.js';
import { RESULT_VALUES, type PageRequest, type ResultFilter, type ResultPage, type ResultRow } from './model.js';
import type { Store } from './store.js';

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 500;

/** A WHERE clause and its parameters. */
export interface SqlFilter {
  readonly where: string;
  readonly params: readonly string[];
}

/** The WHERE clause of a filter: equality per given field, and `q` as a substring of name, policy, rule or message. */
export function filterSql(filter: ResultFilter): SqlFilter {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (!value) continue;
    clauses.push(`${field} = ?`);
    params.push(value);
  }
  if (filter.q) {
    // instr() rather than LIKE: no wildcard characters to escape, and case folded on both sides.
    clauses.push(
      '(instr(lower(name), ?) > 0 OR instr(lower(policy), ?) > 0 OR instr(lower(rule), ?) > 0 OR instr(lower(message), ?) > 0)',
    );
    const q = filter.q.toLowerCase();
    params.push(q, q, q, q);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const ROW_COLUMNS = `policy, rule, result, message, api_version AS apiVersion, kind, namespace, name, team, severity,
  category, timestamp, file, line`;

/** One page of the rows matching `filter`, in the snapshot's order, with the total. */
export function queryResults(db: Store, filter: ResultFilter, page: PageRequest): ResultPage {
  const { where, params } = filterSql(filter);
  const { total } = db.prepare(`SELECT COUNT(*) AS total FROM results ${where}`).get(...params) as { total: number };
  const rows = db
    .prepare(`SELECT ${ROW_COLUMNS} FROM results ${where} ORDER BY id LIMIT ? OFFSET ?`)
    .all(...params, page.pageSize, (page.page - 1) * page.pageSize) as ResultRow[];
  return { page: page.page, pageSize: page.pageSize, total, rows };
}

/** Failing (fail or error) results matching `filter`, counted by one column, most first. */
export function failuresBy(
  db: Store,
  column: 'namespace' | 'team' | 'policy' | 'kind',
  filter: ResultFilter,
): { key: string | null; failures: number }[] {
  const { where, params } = filterSql(filter);
  const failing = `result IN ('fail', 'error')`;
  return db
    .prepare(
      `SELECT ${column} AS key, COUNT(*) AS failures FROM results
       ${where ? `${where} AND ${failing}` : `WHERE ${failing}`} GROUP BY ${column} ORDER BY failures DESC, key`,
    )
    .all(...params) as { key: string | null; failures: number }[];
}

/** The distinct values of each filter field, for the page's drop-downs. */
export function filterValues(db: Store): Record<FilterField, string[]> {
  const distinct = (column: string) =>
    (
      db.prepare(`SELECT DISTINCT ${column} AS v FROM results WHERE ${column} IS NOT NULL ORDER BY v`).all() as {
        v: string;
      }[]
    ).map((r) => r.v);
  return {
    policy: distinct('policy'),
    namespace: distinct('namespace'),
    team: distinct('team'),
    kind: distinct('kind'),
    result: RESULT_VALUES.filter((r) => db.prepare('SELECT 1 FROM results WHERE result = ? LIMIT 1').get(r)),
    severity: distinct('severity'),
    category: distinct('category'),
  };
}

/** One resource of a policy's drill-down: its identity and every result the policy gave it. */
export interface PolicyResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly team: string | null;
  readonly file: string | null;
  readonly line: number | null;
  readonly results: readonly Pick<ResultRow, 'rule' | 'result' | 'message' | 'timestamp'>[];
}

/** A policy's resources with their results (failing resources first), at most `limit` resources. */
export function policyResources(db: Store, policy: string, limit: number): PolicyResource[] {
  const rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM results WHERE policy = ? ORDER BY id`).all(policy) as ResultRow[];
  const byResource = new Map<string, { resource: Omit<PolicyResource, 'results'>; results: ResultRow[] }>();
  for (const r of rows) {
    const key = [r.kind, r.namespace, r.name].join('\u0000');
    const entry = byResource.get(key) ?? {
      resource: {
        apiVersion: r.apiVersion,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        team: r.team,
        file: null,
        line: null,
      },
      results: [],
    };
    entry.results.push(r);
    if (r.file && !entry.resource.file) entry.resource = { ...entry.resource, file: r.file, line: r.line };
    byResource.set(key, entry);
  }
  const failing = (e: { results: ResultRow[] }) => e.results.some((r) => r.result === 'fail' || r.result === 'error');
  return [...byResource.values()]
    .sort((a, b) => Number(failing(b)) - Number(failing(a)))
    .slice(0, limit)
    .map((e) => ({
      ...e.resource,
      results: e.results.map(({ rule, result, message, timestamp }) => ({ rule, result, message, timestamp })),
    }));
}

/** One point of a trend: a snapshot's time and a policy's failing results then. */
export interface TrendPoint {
  readonly takenAt: string;
  readonly policy: string;
  readonly fail: number;
  readonly error: number;
}

/** The most points a trend answers with by default; `maxPoints` of the API goes up to MAX_TREND_POINTS. */
export const DEFAULT_TREND_POINTS = 200;
export const MAX_TREND_POINTS = 2000;

/**
 * Failures per policy over snapshots, oldest first. Beyond `maxPoints` snapshots the history is cut into
 * `maxPoints` equal spans of time and each span shows its latest snapshot, so a long retention with frequent
 * refreshes still answers with a bounded, evenly spread line.
 */
export function trend(db: Store, policy?: string, maxPoints = DEFAULT_TREND_POINTS): TrendPoint[] {
  const snapshots = `
    WITH bounds AS (SELECT julianday(MIN(taken_at)) AS lo, julianday(MAX(taken_at)) AS hi, COUNT(*) AS n FROM snapshots),
    kept AS (
      SELECT MAX(s.id) AS id FROM snapshots s, bounds b
      GROUP BY CASE WHEN b.n <= ? OR b.hi = b.lo THEN s.id
                    ELSE MIN(CAST((julianday(s.taken_at) - b.lo) / (b.hi - b.lo) * ? AS INTEGER), ? - 1) END
    )`;
  return db
    .prepare(
      `${snapshots}
       SELECT s.taken_at AS takenAt, c.policy, c.fail, c.error FROM policy_counts c JOIN snapshots s ON s.id = c.snapshot_id
       WHERE c.snapshot_id IN (SELECT id FROM kept) ${policy ? 'AND c.policy = ?' : ''} ORDER BY s.id, c.policy`,
    )
    .all(maxPoints, maxPoints, maxPoints, ...(policy ? [policy] : [])) as TrendPoint[];
}
