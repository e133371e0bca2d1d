import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestPolicies, latestSnapshot, openStore, pruneSnapshots, saveSnapshot, SCHEMA_VERSION } from './store.js';
import { queryResults } from './queries.js';
import { row, snapshotOf } from './testdata/rows.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-store-'));
  dirs.push(dir);
  return join(dir, 'dashboard.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('dashboard store', () => {
  it('creates the schema with its version', () => {
    const db = openStore(':memory:');
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
  });

  it('keeps snapshots across reopening (the trend survives restarts), and replaces the current results', () => {
    const file = tempDb();
    const first = openStore(file);
    saveSnapshot(first, snapshotOf([row(), row({ name: 'api' })], '2026-12-01T00:00:00.000Z'));
    first.close();
    const again = openStore(file);
    saveSnapshot(again, snapshotOf([row({ result: 'pass' })], '2026-12-02T00:00:00.000Z'));
    expect(again.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: 2 });
    expect(again.prepare('SELECT COUNT(*) AS n FROM results').get()).toEqual({ n: 1 });
    expect(latestPolicies(again)).toEqual([
      expect.objectContaining({ policy: 'require-team-label', pass: 1, fail: 0, ready: null, mode: null }),
    ]);
    expect(latestSnapshot(again)?.takenAt).toBe('2026-12-02T00:00:00.000Z');
    again.close();
  });

  it('migrates a version 1 database in place, keeping its snapshots', () => {
    const file = tempDb();
    const v1 = new Database(file);
    v1.exec(readFileSync(new URL('./testdata/schema-v1.sql', import.meta.url), 'utf8'));
    v1.close();
    const db = openStore(file);
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([{ version: SCHEMA_VERSION }]);
    expect(latestSnapshot(db)?.takenAt).toBe('2026-11-30T00:00:00.000Z');
    expect(queryResults(db, { category: 'none' }, { page: 1, pageSize: 10 }).total).toBe(0);
    expect(queryResults(db, { severity: 'medium' }, { page: 1, pageSize: 10 }).rows).toMatchObject([
      { name: 'web', severity: 'medium', category: null },
    ]);
    saveSnapshot(db, snapshotOf([row({ category: 'Best Practices' })], '2026-12-01T00:00:00.000Z'));
    expect(queryResults(db, { category: 'Best Practices' }, { page: 1, pageSize: 10 }).total).toBe(1);
    db.close();
  });

  it('refuses a database of another schema version', () => {
    const file = tempDb();
    const db = openStore(file);
    db.prepare('UPDATE schema_version SET version = 99').run();
    db.close();
    expect(() => openStore(file)).toThrow(/schema version 99/);
  });

  it.each([
    { name: 'drops snapshots older than the retention', days: 5, kept: 2 },
    { name: 'keeps everything within a long retention', days: 30, kept: 3 },
    { name: 'always keeps the latest snapshot', days: 1, kept: 1 },
  ])('$name', ({ days, kept }) => {
    const db = openStore(':memory:');
    for (const day of ['2026-11-20', '2026-11-28', '2026-12-01'])
      saveSnapshot(db, snapshotOf([row()], `${day}T00:00:00.000Z`));
    pruneSnapshots(db, days, new Date('2026-12-03T00:00:00.000Z'));
    expect(db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: kept });
    // Counts go with their snapshot (ON DELETE CASCADE).
    expect(db.prepare('SELECT COUNT(*) AS n FROM policy_counts').get()).toEqual({ n: kept });
  });
});
