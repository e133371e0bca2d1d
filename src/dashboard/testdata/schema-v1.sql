-- The dashboard store as schema version 1 wrote it (before the category column), with one snapshot.
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
  team TEXT, severity TEXT, timestamp TEXT, file TEXT, line INTEGER
);
CREATE INDEX IF NOT EXISTS results_by_policy ON results(policy, result);
CREATE INDEX IF NOT EXISTS results_by_namespace ON results(namespace, result);
CREATE INDEX IF NOT EXISTS results_by_team ON results(team, result);
CREATE INDEX IF NOT EXISTS results_by_kind ON results(kind, result);
CREATE INDEX IF NOT EXISTS results_by_result ON results(result);
INSERT INTO schema_version (version) VALUES (1);
INSERT INTO snapshots (taken_at, source) VALUES ('2026-11-30T00:00:00.000Z', 'reports/');
INSERT INTO policy_counts (snapshot_id, policy, mode, ready, blockers, pass, fail, warn, error, skip)
  VALUES (1, 'require-team-label', 'Audit', 0, 1, 0, 1, 0, 0, 0);
INSERT INTO results (policy, rule, result, message, api_version, kind, namespace, name, team, severity, timestamp, file, line)
  VALUES ('require-team-label', 'check-team', 'fail', 'label required', 'apps/v1', 'Deployment', 'shop', 'web', NULL, 'medium', NULL, NULL, NULL);
