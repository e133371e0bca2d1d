import { describe, expect, it } from 'vitest';
import { dashboardApp } from './api.js';
import { openStore, saveSnapshot } from './store.js';
import { row, snapshotOf } from './testdata/rows.js';

function app() {
  const db = openStore(':memory:');
  saveSnapshot(
    db,
    snapshotOf([row({ name: 'web' }), row({ name: 'api', result: 'pass' }), row({ policy: 'ns/p', name: 'x' })]),
  );
  return dashboardApp({ db, view: () => ({ rollout: null, notes: ['a note'] }), assets: null, refreshSeconds: 0 });
}

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app().request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('dashboard API', () => {
  it.each([
    { path: '/api/results', status: 200, want: { total: 3, page: 1, pageSize: 50 } },
    { path: '/api/results?result=pass', status: 200, want: { total: 1 } },
    { path: '/api/results?q=API&pageSize=1&page=1', status: 200, want: { total: 1 } },
    { path: '/api/results?page=0', status: 400, want: { error: 'page must be a whole number from 1' } },
    {
      path: '/api/results?pageSize=501',
      status: 400,
      want: { error: 'pageSize must be a whole number from 1 to 500' },
    },
    {
      path: '/api/results?result=bad',
      status: 400,
      want: { error: 'result must be one of pass, fail, warn, error, skip' },
    },
    { path: '/api/failures?by=team', status: 200, want: { by: 'team', groups: [{ key: null, failures: 2 }] } },
    {
      path: '/api/failures?by=colour',
      status: 400,
      want: { error: 'by must be one of namespace, team, policy, kind' },
    },
    { path: '/api/policy?name=ns%2Fp', status: 200, want: { rollout: null } },
    { path: '/api/policy?name=missing', status: 404, want: { error: 'no policy missing in the current snapshot' } },
    { path: '/api/policy', status: 400, want: { error: 'name is required' } },
    { path: '/api/rollout', status: 200, want: { rollout: null } },
    {
      path: '/api/trend?maxPoints=1',
      status: 200,
      want: { points: [{ policy: 'ns/p' }, { policy: 'require-team-label' }] },
    },
    {
      path: '/api/trend?maxPoints=2001',
      status: 400,
      want: { error: 'maxPoints must be a whole number from 1 to 2000' },
    },
    { path: '/api/nothing', status: 404, want: { error: 'no such endpoint: /api/nothing' } },
  ])('GET $path → $status', async ({ path, status, want }) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(want);
  });

  it('summarises the latest snapshot with totals and notes', async () => {
    const { body } = await get('/api/summary');
    expect(body).toMatchObject({
      totals: { pass: 1, fail: 2, warn: 0, error: 0, skip: 0 },
      ready: 0,
      notes: ['a note'],
      snapshot: { source: 'test' },
    });
    expect((body.policies as unknown[]).length).toBe(2);
  });

  it('lists the filter values and the trend', async () => {
    expect((await get('/api/filters')).body).toMatchObject({ policy: ['ns/p', 'require-team-label'] });
    expect((await get('/api/trend?policy=ns/p')).body).toEqual({
      points: [{ takenAt: '2026-12-01T00:00:00.000Z', policy: 'ns/p', fail: 1, error: 0 }],
    });
  });

  it('says the page is not built instead of failing when there are no assets', async () => {
    const res = await app().request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
