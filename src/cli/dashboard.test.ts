import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../engine/index.js';
import { startDashboard, type DashboardOptions } from './commands/dashboard.js';
import { UserError } from './errors.js';

const dir = new URL('./testdata/rollout/', import.meta.url).pathname;
const clock = fixedClock(new Date('2026-12-05T08:00:00Z'));
const scratch = mkdtempSync(join(tmpdir(), 'tollgate-dashboard-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const base: DashboardOptions = { port: 0, db: ':memory:', retentionDays: 90 };

/** A scratch copy of the fixture reports, for a test that changes them. */
function reportsCopy(name: string): string {
  const copy = join(scratch, name);
  cpSync(`${dir}reports`, copy, { recursive: true });
  return copy;
}

/** Replace the first `from` in `file` with `to`. */
function edit(file: string, from: string, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

describe('tollgate dashboard: errors the user can act on', () => {
  it.each<{ name: string; opts: Partial<DashboardOptions>; error: RegExp }>([
    { name: 'no source', opts: {}, error: /^nothing to show: give --reports PATH\.\.\. or --cluster$/ },
    { name: 'both sources', opts: { cluster: true, reports: [dir] }, error: /either --cluster or --reports/ },
    { name: 'kubeconfig without cluster', opts: { reports: [dir], kubeconfig: 'k' }, error: /need --cluster/ },
    { name: 'no reports in the files', opts: { reports: [`${dir}repo/policies`] }, error: /^no PolicyReports in / },
    { name: 'missing file', opts: { reports: [`${dir}nowhere`] }, error: /nowhere/ },
    {
      name: 'unusable database',
      opts: { reports: [`${dir}reports`], db: `${dir}reports/shop.yaml` },
      error: /^cannot open the dashboard database .*shop\.yaml: /,
    },
  ])('$name', async ({ opts, error }) => {
    const run = startDashboard({ ...base, ...opts }, clock);
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(error);
  });

  it('names a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = startDashboard({ ...base, reports: [`${dir}reports`], port }, clock);
    await expect(run).rejects.toThrow(`port ${port} is in use: choose another with --port`);
    blocker.close();
  });
});

describe('tollgate dashboard: a run', () => {
  it('serves the reports with rollout verdicts and Git locations, and keeps snapshots in the file', async () => {
    const db = join(scratch, 'dashboard.db');
    const opts = { ...base, db, reports: [`${dir}reports`], repo: `${dir}repo` };
    const first = await startDashboard(opts, clock);
    expect(first.summary).toMatch(/^7 results of 2 policies from /);
    const page = (await (await fetch(`${first.url}/api/results?policy=require-team-label&q=web`)).json()) as {
      rows: { file: string | null }[];
    };
    expect(page.rows[0].file).toBe('apps/web/deployment.yaml');
    await first.close();
    const second = await startDashboard(opts, clock);
    const trend = (await (await fetch(`${second.url}/api/trend?policy=require-team-label`)).json()) as {
      points: unknown[];
    };
    expect(trend.points).toHaveLength(2);
    await second.close();
  });

  it('reads the reports once with a repository: an unreadable entry is one note', async () => {
    const dirWithBad = reportsCopy('reports-with-a-bad-entry');
    edit(join(dirWithBad, 'sandbox.yaml'), 'result: pass', 'result: bogus');
    const run = await startDashboard({ ...base, reports: [dirWithBad], repo: `${dir}repo` }, clock);
    expect(run.notes.filter((n) => n.includes('unknown result "bogus"'))).toHaveLength(1);
    await run.close();
  });

  it('says what is missing without a repository', async () => {
    const run = await startDashboard({ ...base, reports: [`${dir}reports`] }, clock);
    expect(run.notes).toContain('no --repo: modes, readiness and Git locations are not shown');
    await run.close();
  });

  it('reads the sources again at each refresh: the page follows them and the trend gains a point', async () => {
    const reports = reportsCopy('refreshed-reports');
    const run = await startDashboard({ ...base, reports: [reports] }, clock);
    const failures = async () =>
      ((await (await fetch(`${run.url}/api/summary`)).json()) as { totals: { fail: number } }).totals.fail;
    const before = await failures();
    edit(join(reports, 'shop.yaml'), 'result: fail', 'result: pass');
    expect(await run.refresh()).toBeUndefined();
    expect(await failures()).toBe(before - 1);
    const trend = (await (await fetch(`${run.url}/api/trend?policy=require-team-label`)).json()) as {
      points: unknown[];
    };
    expect(trend.points).toHaveLength(2);
    await run.close();
  });

  it('keeps the last snapshot when a refresh fails, and says so on the page', async () => {
    const reports = reportsCopy('vanishing-reports');
    const seen: string[] = [];
    const run = await startDashboard({ ...base, reports: [reports] }, clock, (n) => seen.push(n));
    rmSync(reports, { recursive: true });
    const note = await run.refresh();
    expect(note).toMatch(
      /^the refresh at 2026-12-05T08:00:00\.000Z failed, the page keeps the snapshot of .*vanishing-reports/,
    );
    expect(seen).toEqual([note]);
    const summary = (await (await fetch(`${run.url}/api/summary`)).json()) as {
      notes: string[];
      totals: { fail: number };
    };
    expect(summary.notes).toContain(note);
    expect(summary.totals.fail).toBeGreaterThan(0);
    await run.close();
  });

  it('refreshes on its own every --refresh seconds', async () => {
    const run = await startDashboard({ ...base, reports: [`${dir}reports`], refresh: 0.05 }, clock);
    const points = async () =>
      ((await (await fetch(`${run.url}/api/trend?policy=require-team-label`)).json()) as { points: unknown[] }).points
        .length;
    await expect.poll(points, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(run.summary).toMatch(/every 0\.05 s$/);
    await run.close();
  });
});
