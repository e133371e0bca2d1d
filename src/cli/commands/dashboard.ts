// `tollgate dashboard [--cluster | --reports PATH...] [--repo PATH]`: reads the PolicyReports (and with a
// repository the rollout verdicts), records a snapshot in the SQLite store, and serves the page and its JSON API.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock, JsonObject } from '../../engine/index.js';
import { reportFindings, type ReportFinding } from '../../report/summary/report-findings.js';
import { teamLookup } from '../../report/summary/team-lookup.js';
import type { RolloutStatus } from '../../rollout/model.js';
import { UserError } from '../errors.js';
import { listClusterReports, type ClusterTarget } from './cluster-reports.js';
import { readReportInputs } from './report-inputs.js';

/** Options of `tollgate dashboard`. */
export interface DashboardOptions extends ClusterTarget {
  readonly cluster?: boolean;
  readonly reports?: readonly string[];
  readonly repo?: string;
  readonly port: number;
  readonly host?: string;
  /** The SQLite file; ':memory:' keeps nothing. */
  readonly db: string;
  readonly retentionDays: number;
}

/** A running dashboard: where it answers, what the user should know, and how to stop it. */
export interface DashboardRun {
  readonly url: string;
  readonly summary: string;
  readonly notes: readonly string[];
  close(): Promise<void>;
}

/** Read, snapshot, serve; UserError for anything the user can fix (exit 2). */
export async function startDashboard(opts: DashboardOptions, clock: Clock): Promise<DashboardRun> {
  if (opts.cluster && opts.reports?.length) throw new UserError('give either --cluster or --reports, not both');
  if (!opts.cluster && !opts.reports?.length)
    throw new UserError('nothing to show: give --reports PATH... or --cluster');
  if (!opts.cluster && (opts.kubeconfig || opts.context))
    throw new UserError('--kubeconfig and --context need --cluster');
  const notes: string[] = [];
  const input = opts.cluster ? await readCluster(opts, notes) : readFiles(opts.reports ?? []);
  const findings: ReportFinding[] = [];
  for (const report of input.reports) {
    const r = reportFindings(report);
    findings.push(...r.findings);
    notes.push(...r.problems);
  }
  if (findings.length === 0) notes.push(`the reports of ${input.source} hold no results: the dashboard is empty`);
  const rollout = opts.repo ? await readRollout(opts, clock, notes) : null;
  if (!opts.repo) notes.push('no --repo: modes, readiness and Git locations are not shown');

  const { buildSnapshot } = await import('../../dashboard/snapshot.js');
  const snapshot = buildSnapshot({
    findings,
    ...(rollout ? { rollout } : {}),
    teamOf: teamLookup(input.objects),
    takenAt: clock.now().toISOString(),
    source: input.source,
  });
  const db = await openDatabase(opts.db);
  const { pruneSnapshots, saveSnapshot } = await import('../../dashboard/store.js');
  saveSnapshot(db, snapshot);
  pruneSnapshots(db, opts.retentionDays, clock.now());

  const { dashboardApp } = await import('../../dashboard/api.js');
  const { startServer } = await import('../../dashboard/server.js');
  const app = dashboardApp({ db, rollout, assets: findAssets(), notes });
  const server = await startServer(app, opts.port, opts.host).catch((e: NodeJS.ErrnoException) => {
    db.close();
    throw e.code === 'EADDRINUSE'
      ? new UserError(`port ${opts.port} is in use: choose another with --port`)
      : new UserError(`cannot listen on port ${opts.port}: ${e.message}`);
  });
  return {
    url: server.url,
    summary: `${snapshot.results.length} results of ${snapshot.policies.length} policies from ${input.source}; snapshots in ${opts.db}`,
    notes,
    close: async () => {
      await server.close();
      db.close();
    },
  };
}

interface ReportInput {
  readonly reports: JsonObject[];
  readonly objects: JsonObject[];
  readonly source: string;
}

function readFiles(paths: readonly string[]): ReportInput {
  return { ...readReportInputs(paths), source: paths.join(', ') };
}

// The cluster gives reports only; teams come from Namespace labels only when objects are read (not yet).
async function readCluster(opts: DashboardOptions, notes: string[]): Promise<ReportInput> {
  const reports = await listClusterReports(opts);
  if (reports.length === 0) notes.push('the cluster holds no PolicyReports or ClusterPolicyReports');
  return { reports, objects: [], source: 'the cluster' };
}

async function readRollout(opts: DashboardOptions, clock: Clock, notes: string[]): Promise<RolloutStatus> {
  const { runRolloutStatus } = await import('./rollout.js');
  const run = await runRolloutStatus(
    opts.repo,
    {
      ...(opts.cluster ? { cluster: true, kubeconfig: opts.kubeconfig, context: opts.context } : {}),
      ...(opts.reports?.length ? { reports: opts.reports } : {}),
      output: 'json',
    },
    clock,
  );
  notes.push(...run.notes);
  return run.status;
}

async function openDatabase(file: string) {
  const { openStore } = await import('../../dashboard/store.js');
  try {
    return openStore(file);
  } catch (e) {
    throw new UserError(`cannot open the dashboard database ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

// The page is built by scripts/bundle.mjs into dist/dashboard-ui; this module runs from dist/bundle (the
// executable), dist/cli/commands (tsc output) or src/cli/commands (tests).
function findAssets(): string | null {
  for (const rel of ['../dashboard-ui/', '../../dashboard-ui/', '../../../dist/dashboard-ui/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}
