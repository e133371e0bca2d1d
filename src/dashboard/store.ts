// The dashboard's SQLite store (better-sqlite3 v12: v13 needs Node 22). Snapshots of per-policy counts are kept
// across restarts for the trend; the current snapshot's results are kept too, indexed, so the API pages and
// filters them in SQL instead of in memory.
import Database from 'better-sqlite3';
import type { PolicySummary, Snapshot } from './model.js';

/** The schema this code reads and writes; a database with another version is refused, not guessed at. */
export const SCHEMA_VERSION = 2;

/** An open store. */
export type Store = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS policy_counts (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  policy TEXT NOT NULL,
  mode TEXT,
  ready INTEGER,
  blockers INTEGER NOT NULL,
  pass INTEGER NOT NULL, fail INTEGER NOT NULL, warn INTEGER NOT NULL, error INTEGER NOT NULL, skip INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, policy)
);
CREATE INDEX IF NOT EXISTS policy_counts_by_policy ON policy_counts(policy, snapshot_id);
CREATE TABLE IF NOT EXISTS results (
  id INTEGER PRIMARY KEY,
  policy TEXT NOT NULL, rule TEXT NOT NULL, result TEXT NOT NULL, message TEXT NOT NULL,
  api_version TEXT NOT NULL, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  team TEXT, severity TEXT, category TEXT, timestamp TEXT, file TEXT, line INTEGER
);
CREATE INDEX IF NOT EXISTS results_by_policy ON results(policy, result);
CREATE INDEX IF NOT EXISTS results_by_namespace ON results(namespace, result);
CREATE INDEX IF NOT EXISTS results_by_team ON results(team, result);
CREATE INDEX IF NOT EXISTS results_by_kind ON results(kind, result);
CREATE INDEX IF NOT EXISTS results_by_result ON results(result);
CREATE INDEX IF NOT EXISTS results_by_severity ON results(severity, category, result);
CREATE INDEX IF NOT EXISTS results_by_category ON results(category, result);
`;

// The changes from each older schema version to the next: applied in order, in one transaction, at open.
const MIGRATIONS: Readonly<Record<number, string>> = {
  // 1 → 2: the report entry's category (the dashboard filters by it, as policy-reporter does).
  1: 'ALTER TABLE results ADD COLUMN category TEXT',
};

/** Open (or create) the store at `file` (':memory:' for tests); throws when the file holds another schema. */
export function openStore(file: string): Store {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const row = db.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_version'").get()
    ? (db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined)
    : undefined;
  if (row && (row.version > SCHEMA_VERSION || !(row.version in MIGRATIONS || row.version === SCHEMA_VERSION))) {
    db.close();
    throw new Error(`${file} has dashboard schema version ${row.version}; this Tollgate reads ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    if (row) for (let v = row.version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.exec(SCHEMA);
    if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
    else db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
  })();
  return db;
}

/** Record a snapshot: its per-policy counts join the history, its results replace the current ones. */
export function saveSnapshot(db: Store, snapshot: Snapshot): number {
  const insertSnapshot = db.prepare('INSERT INTO snapshots (taken_at, source) VALUES (?, ?)');
  const insertCounts = db.prepare(
    `INSERT INTO policy_counts (snapshot_id, policy, mode, ready, blockers, pass, fail, warn, error, skip)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResult = db.prepare(
    `INSERT INTO results (policy, rule, result, message, api_version, kind, namespace, name, team, severity,
       category, timestamp, file, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const save = db.transaction((s: Snapshot) => {
    const id = Number(insertSnapshot.run(s.takenAt, s.source).lastInsertRowid);
    for (const p of s.policies)
      insertCounts.run(id, p.policy, p.mode, readyValue(p.ready), p.blockers, p.pass, p.fail, p.warn, p.error, p.skip);
    db.exec('DELETE FROM results');
    for (const r of s.results)
      insertResult.run(
        r.policy,
        r.rule,
        r.result,
        r.message,
        r.apiVersion,
        r.kind,
        r.namespace,
        r.name,
        r.team,
        r.severity,
        r.category,
        r.timestamp,
        r.file,
        r.line,
      );
    return id;
  });
  return save(snapshot);
}

/** Drop snapshots taken more than `days` days before `now`; the latest one always stays. Returns how many. */
export function pruneSnapshots(db: Store, days: number, now: Date): number {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return db.prepare('DELETE FROM snapshots WHERE taken_at < ? AND id <> (SELECT MAX(id) FROM snapshots)').run(cutoff)
    .changes;
}

/** The latest snapshot's per-policy figures, or [] before the first one. */
export function latestPolicies(db: Store): PolicySummary[] {
  const rows = db
    .prepare(
      `SELECT policy, mode, ready, blockers, pass, fail, warn, error, skip FROM policy_counts
       WHERE snapshot_id = (SELECT MAX(id) FROM snapshots) ORDER BY policy`,
    )
    .all() as (Omit<PolicySummary, 'ready'> & { ready: number | null })[];
  return rows.map((r) => ({ ...r, ready: r.ready === null ? null : r.ready === 1 }));
}

/** The latest snapshot's time and source, or undefined before the first one. */
export function latestSnapshot(db: Store): { id: number; takenAt: string; source: string } | undefined {
  return db.prepare('SELECT id, taken_at AS takenAt, source FROM snapshots ORDER BY id DESC LIMIT 1').get() as
    { id: number; takenAt: string; source: string } | undefined;
}

function readyValue(ready: boolean | null): number | null {
  return ready === null ? null : ready ? 1 : 0;
}
