// The dashboard in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the built CLI serves
// the rollout fixtures; the page shows real rows, filters narrow them, a drill-down shows a resource's messages.
// Not part of `npm test` (it needs Chromium and the build): `npm run test:browser`, run by .ci/run.
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardProcess } from '../e2e/support/dashboard-process.js';

const root = new URL('../../', import.meta.url).pathname;
const fixtures = join(root, 'src/cli/testdata/rollout');
const artifacts = join(root, 'test/browser/artifacts');
const CHROMIUM = '/usr/bin/chromium';

let server: ChildProcess;
let url: string;
let browser: BrowserContext;
let page: Page;
let scratch: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  scratch = mkdtempSync(join(tmpdir(), 'tollgate-dashboard-'));
  const started = await startDashboardProcess([
    '--reports',
    join(fixtures, 'reports'),
    '--repo',
    join(fixtures, 'repo'),
    '--db',
    join(scratch, 'dashboard.db'),
  ]);
  server = started.process;
  url = started.url;
  // A fresh --user-data-dir: playwright passes the directory itself.
  browser = await chromium.launchPersistentContext(join(scratch, 'chromium'), {
    executablePath: CHROMIUM,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const resultRows = () => page.locator('[data-testid=results] tbody tr');

describe('tollgate dashboard in Chromium', () => {
  it('loads with the reports’ rows and the policies’ readiness', async () => {
    await page.goto(url);
    await page.waitForSelector('#app[data-ready=true]');
    expect(await resultRows().count()).toBe(7);
    const policies = await page.locator('[data-testid=policies] tbody tr').allInnerTexts();
    expect(policies.join('\n')).toMatch(/require-team-label\s+Audit\s+not ready\s+5/);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'dashboard-overview.png'), fullPage: true });
  });

  it.each([
    { filter: 'result', value: 'pass', rows: 1 },
    { filter: 'namespace', value: 'sandbox', rows: 3 },
    { filter: 'policy', value: 'disallow-latest-tag', rows: 2 },
    { filter: 'severity', value: 'medium', rows: 2 },
  ])('filter $filter=$value narrows the rows to $rows', async ({ filter, value, rows }) => {
    await page.goto(url);
    await page.waitForSelector('#app[data-ready=true]');
    await page.selectOption(`[data-testid=filter-${filter}]`, value);
    await expect.poll(() => resultRows().count()).toBe(rows);
    for (const text of await resultRows().allInnerTexts()) expect(text).toContain(value);
  });

  it('search narrows the rows', async () => {
    await page.goto(url);
    await page.waitForSelector('#app[data-ready=true]');
    await page.fill('[data-testid=search]', 'legacy-cron');
    await page.press('[data-testid=search]', 'Enter');
    await expect.poll(() => resultRows().count()).toBe(1);
  });

  it('drills down from a policy to each resource’s messages and file:line', async () => {
    await page.goto(url);
    await page.waitForSelector('#app[data-ready=true]');
    await page.locator('[data-testid=policies] [data-testid=policy-link]', { hasText: 'require-team-label' }).click();
    await page.waitForSelector('[data-testid=policy-title]');
    const web = page.locator('[data-testid=resource]', { hasText: 'Deployment shop/web' });
    expect(await web.locator('[data-testid=message]').innerText()).toContain("label 'team' is required");
    expect(await web.innerText()).toMatch(/apps\/web\/deployment\.yaml:\d+/);
    expect(await page.locator('[data-testid=blockers] tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(artifacts, 'dashboard-policy.png'), fullPage: true });
  });

  it('offers the results of a newer snapshot once the reports change, and shows them on request', async () => {
    const reports = join(scratch, 'changing-reports');
    cpSync(join(fixtures, 'reports'), reports, { recursive: true });
    const live = await startDashboardProcess([
      '--reports',
      reports,
      '--db',
      join(scratch, 'live.db'),
      '--refresh',
      '1',
    ]);
    try {
      await page.goto(live.url);
      await page.waitForSelector('#app[data-ready=true]');
      const failing = () => page.locator('[data-testid=results] tbody .result-fail').count();
      const before = await failing();
      const newer = page.locator('[data-testid=newer-snapshot]');
      expect(await newer.isVisible()).toBe(false);
      const shop = join(reports, 'shop.yaml');
      writeFileSync(shop, readFileSync(shop, 'utf8').replace('result: fail', 'result: pass'));
      await newer.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await failing()).toBe(before); // offered, not redrawn under the reader
      await page.screenshot({ path: join(artifacts, 'dashboard-newer-snapshot.png') });
      await newer.click();
      await expect.poll(failing, { timeout: 5000 }).toBe(before - 1);
      expect(await newer.isVisible()).toBe(false);
    } finally {
      live.process.kill('SIGTERM');
    }
  });
});
