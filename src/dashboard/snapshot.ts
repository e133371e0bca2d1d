// Report findings and rollout verdicts → one Snapshot: a row per result with its team and Git location, and the
// per-policy counts the trend is made of. Pure: the command reads the inputs, the store keeps the output.
import type { ReportFinding } from '../report/summary/report-findings.js';
import type { TeamOf } from '../report/summary/team-lookup.js';
import type { PolicyRollout, RolloutStatus } from '../rollout/model.js';
import type { PolicySummary, ResultRow, Snapshot } from './model.js';

/** What a snapshot is built from. */
export interface SnapshotInputs {
  readonly findings: readonly ReportFinding[];
  /** The rollout verdicts (with a repository); absent without one. */
  readonly rollout?: RolloutStatus;
  readonly teamOf: TeamOf;
  readonly takenAt: string;
  /** Where the reports came from, for the page's header (e.g. "3 report files", "cluster"). */
  readonly source: string;
}

/** Build the snapshot: rows in a stable order (policy, namespace, kind, name, rule), counts per policy. */
export function buildSnapshot(inputs: SnapshotInputs): Snapshot {
  const locate = blockerLocations(inputs.rollout);
  const results = inputs.findings
    .filter((f) => f.resource)
    .map((f) => toRow(f, inputs.teamOf, locate, inputs.rollout))
    .sort(compareRows);
  return {
    takenAt: inputs.takenAt,
    source: inputs.source,
    policies: policySummaries(results, inputs.rollout),
    results,
  };
}

type Locate = (policy: string, kind: string, namespace: string, name: string) => BlockerFacts | undefined;

interface BlockerFacts {
  readonly file: string | null;
  readonly line: number | null;
  readonly team: string | null;
}

// Git locations are known for blockers only: rollout status locates each failing resource in the repository.
function blockerLocations(rollout: RolloutStatus | undefined): Locate {
  const byKey = new Map<string, BlockerFacts>();
  for (const p of rollout?.policies ?? [])
    for (const b of p.blockers)
      byKey.set(rowKey(p.policy, b.resource.kind, b.resource.namespace, b.resource.name), {
        file: b.file,
        line: b.line,
        team: b.team,
      });
  return (policy, kind, namespace, name) => byKey.get(rowKey(policy, kind, namespace, name));
}

function rowKey(policy: string, kind: string, namespace: string, name: string): string {
  return [policy, kind, namespace, name].join('\u0000');
}

function toRow(f: ReportFinding, teamOf: TeamOf, locate: Locate, rollout: RolloutStatus | undefined): ResultRow {
  const r = f.resource!;
  const namespace = r.namespace ?? f.namespace;
  const facts = locate(f.policy, r.kind, namespace, r.name);
  const failing = f.result === 'fail' || f.result === 'error';
  return {
    policy: f.policy,
    rule: f.rule,
    result: f.result,
    message: f.message,
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace,
    name: r.name,
    team: teamOf({ ...r, namespace }) ?? facts?.team ?? null,
    severity: f.severity ?? null,
    category: f.category ?? null,
    timestamp: f.timestamp ?? null,
    // A passing result has nothing to fix; only a failing one points into Git.
    file: failing && rollout ? (facts?.file ?? null) : null,
    line: failing && rollout ? (facts?.line ?? null) : null,
  };
}

function compareRows(a: ResultRow, b: ResultRow): number {
  return (
    a.policy.localeCompare(b.policy) ||
    a.namespace.localeCompare(b.namespace) ||
    a.kind.localeCompare(b.kind) ||
    a.name.localeCompare(b.name) ||
    a.rule.localeCompare(b.rule)
  );
}

/** Counts per policy, by name: every policy that has rows or a rollout verdict, with the verdict when there is one. */
export function policySummaries(rows: readonly ResultRow[], rollout?: RolloutStatus): PolicySummary[] {
  const verdicts = new Map<string, PolicyRollout>((rollout?.policies ?? []).map((p) => [p.policy, p]));
  const counts = new Map<string, Record<ResultRow['result'], number>>();
  for (const name of verdicts.keys()) counts.set(name, { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 });
  for (const r of rows) {
    const c = counts.get(r.policy) ?? { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    c[r.result]++;
    counts.set(r.policy, c);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([policy, c]) => {
      const v = verdicts.get(policy);
      return { policy, mode: v?.mode ?? null, ready: v ? v.ready : null, blockers: v?.blockers.length ?? 0, ...c };
    });
}
