// The dashboard's HTTP routes (hono): the JSON API of docs/dashboard.md over the store, and the bundled page.
// Handlers only parse parameters and call queries.ts; no socket here (server.ts listens).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { RolloutStatus } from '../rollout/model.js';
import { FILTER_FIELDS } from './filters.js';
import { RESULT_VALUES, type PageRequest, type ResultFilter } from './model.js';
import {
  DEFAULT_TREND_POINTS,
  failuresBy,
  filterValues,
  MAX_PAGE_SIZE,
  MAX_TREND_POINTS,
  policyResources,
  queryResults,
  trend,
} from './queries.js';
import { latestPolicies, latestSnapshot, type Store } from './store.js';

/** What the routes read: the store, the current view of the sources, the page's files. */
export interface DashboardContext {
  readonly db: Store;
  /** The latest reading's rollout verdicts (with a repository) and notes; it changes at each refresh. */
  view(): DashboardView;
  /** The directory holding index.html and app.js (the build's dist/dashboard-ui); null when not built. */
  readonly assets: string | null;
  /** Seconds between snapshots (0: one at start), so the page knows how often to look for a newer one. */
  readonly refreshSeconds: number;
}

/** The rollout verdicts and the notes for the page (e.g. report entries that could not be read, a failed refresh). */
export interface DashboardView {
  readonly rollout: RolloutStatus | null;
  readonly notes: readonly string[];
}

/** A drill-down lists at most this many resources: the failing ones come first. */
const DRILL_DOWN_LIMIT = 1000;

const FAILURE_GROUPS = ['namespace', 'team', 'policy', 'kind'] as const;

/** The app: GET /api/* (JSON) and the page. */
export function dashboardApp(ctx: DashboardContext): Hono {
  const app = new Hono();
  app.get('/api/summary', (c) => {
    const policies = latestPolicies(ctx.db);
    const totals = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const p of policies) for (const r of RESULT_VALUES) totals[r] += p[r];
    const ready = policies.filter((p) => p.ready === true).length;
    return c.json({
      snapshot: latestSnapshot(ctx.db) ?? null,
      totals,
      policies,
      ready,
      notes: ctx.view().notes,
      refreshSeconds: ctx.refreshSeconds,
    });
  });
  app.get('/api/policy', (c) => {
    const name = c.req.query('name');
    if (!name) return badRequest(c, 'name is required');
    const policy = latestPolicies(ctx.db).find((p) => p.policy === name);
    if (!policy) return c.json({ error: `no policy ${name} in the current snapshot` }, 404);
    const rollout = ctx.view().rollout?.policies.find((p) => p.policy === name) ?? null;
    return c.json({ policy, rollout, resources: policyResources(ctx.db, name, DRILL_DOWN_LIMIT) });
  });
  app.get('/api/results', (c) => {
    const filter = readFilter(c);
    if (typeof filter === 'string') return badRequest(c, filter);
    const page = readPage(c);
    if (typeof page === 'string') return badRequest(c, page);
    return c.json(queryResults(ctx.db, filter, page));
  });
  app.get('/api/failures', (c) => {
    const by = c.req.query('by') ?? 'namespace';
    if (!(FAILURE_GROUPS as readonly string[]).includes(by))
      return badRequest(c, `by must be one of ${FAILURE_GROUPS.join(', ')}`);
    const filter = readFilter(c);
    if (typeof filter === 'string') return badRequest(c, filter);
    return c.json({ by, groups: failuresBy(ctx.db, by as (typeof FAILURE_GROUPS)[number], filter) });
  });
  app.get('/api/filters', (c) => c.json(filterValues(ctx.db)));
  app.get('/api/trend', (c) => {
    const maxPoints = positive(c.req.query('maxPoints'), DEFAULT_TREND_POINTS);
    if (maxPoints === undefined || maxPoints > MAX_TREND_POINTS)
      return badRequest(c, `maxPoints must be a whole number from 1 to ${MAX_TREND_POINTS}`);
    return c.json({ points: trend(ctx.db, c.req.query('policy') || undefined, maxPoints) });
  });
  app.get('/api/rollout', (c) => c.json({ rollout: ctx.view().rollout }));
  app.get('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.path}` }, 404));
  app.get('/app.js', (c) => asset(c, ctx.assets, 'app.js', 'text/javascript; charset=utf-8'));
  app.get('/', (c) => asset(c, ctx.assets, 'index.html', 'text/html; charset=utf-8'));
  return app;
}

function badRequest(c: Context, error: string) {
  return c.json({ error }, 400);
}

/** The filter of a request's query; a message when a value is not acceptable. */
export function readFilter(c: Context): ResultFilter | string {
  const q = (k: string) => c.req.query(k) || undefined;
  const result = q('result');
  if (result && !(RESULT_VALUES as readonly string[]).includes(result))
    return `result must be one of ${RESULT_VALUES.join(', ')}`;
  return Object.fromEntries([...FILTER_FIELDS, 'q'].map((k) => [k, q(k)])) as ResultFilter;
}

/** The page of a request's query (page from 1, pageSize 1–MAX_PAGE_SIZE, default 50); a message when invalid. */
export function readPage(c: Context): PageRequest | string {
  const page = positive(c.req.query('page'), 1);
  const pageSize = positive(c.req.query('pageSize'), 50);
  if (page === undefined) return 'page must be a whole number from 1';
  if (pageSize === undefined || pageSize > MAX_PAGE_SIZE)
    return `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
  return { page, pageSize };
}

function positive(v: string | undefined, fallback: number): number | undefined {
  if (v === undefined || v === '') return fallback;
  return /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : undefined;
}

// The page is read per request: two small files, and a rebuilt UI shows without a restart.
function asset(c: Context, dir: string | null, file: string, type: string) {
  if (!dir) return c.text('The dashboard page is not built: run `npm run build`. The JSON API is under /api/.', 503);
  return c.body(readFileSync(join(dir, file)), 200, { 'content-type': type, 'cache-control': 'no-cache' });
}
