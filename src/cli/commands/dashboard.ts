// `tollgate dashboard [--cluster | --reports PATH...] [--repo PATH]`: reads the PolicyReports (and with a
// repository the rollout verdicts), records a snapshot in the SQLite store, serves the page and its JSON API, and
// reads again every --refresh seconds so the page and its trend follow the cluster.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../engine/index.js';
import { teamLookup } from '../../report/summary/team-lookup.js';
import type { Snapshot } from '../../dashboard/model.js';
import { openStore, pruneSnapshots, saveSnapshot, type Store } from '../../dashboard/store.js';
import type { RolloutStatus } from '../../rollout/model.js';
import { errorLine, UserError } from '../errors.js';
import { readReportSide, type ReportSide, type ReportSources } from './report-inputs.js';

/** Options of `tollgate dashboard`. */
export interface DashboardOptions extends ReportSources {
  readonly repo?: string;
  readonly port: number;
  readonly host?: string;
  /** The SQLite file; ':memory:' keeps nothing. */
  readonly db: string;
  readonly retentionDays: number;
  /** Seconds between snapshots while serving; 0 (or absent) takes one at start only. */
  readonly refresh?: number;
}

/** A running dashboard: where it answers, what the user should know, and how to stop it. */
export interface DashboardRun {
  readonly url: string;
  readonly summary: string;
  readonly notes: readonly string[];
  /** Read the sources again and record a snapshot; a failure keeps the previous one and is returned as a note. */
  refresh(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** Where refresh problems go while serving (stderr in the CLI). */
export type NoteSink = (note: string) => void;

/** Read, snapshot, serve; UserError for anything the user can fix (exit 2). */
export async function startDashboard(
  opts: DashboardOptions,
  clock: Clock,
  onNote: NoteSink = () => {},
): Promise<DashboardRun> {
  if (opts.cluster && opts.reports?.length) throw new UserError('give either --cluster or --reports, not both');
  if (!opts.cluster && !opts.reports?.length)
    throw new UserError('nothing to show: give --reports PATH... or --cluster');
  if (!opts.cluster && (opts.kubeconfig || opts.context))
    throw new UserError('--kubeconfig and --context need --cluster');
  const first = await collect(opts, clock);
  const db = openDatabase(opts.db);
  let current = record(db, first, opts, clock);

  const { dashboardApp } = await import('../../dashboard/api.js');
  const { startServer } = await import('../../dashboard/server.js');
  // The notes of the latest reading, then why the last refresh failed (cleared by the next one that works).
  let refreshError: string | undefined;
  const view = () => ({
    rollout: current.rollout,
    notes: refreshError ? [...current.notes, refreshError] : current.notes,
  });
  const app = dashboardApp({ db, view, assets: findAssets(), refreshSeconds: opts.refresh ?? 0 });
  const server = await startServer(app, opts.port, opts.host).catch((e: NodeJS.ErrnoException) => {
    db.close();
    throw e.code === 'EADDRINUSE'
      ? new UserError(`port ${opts.port} is in use: choose another with --port`)
      : new UserError(`cannot listen on port ${opts.port}: ${e.message}`);
  });

  let closed = false;
  let running: Promise<string | undefined> | undefined;
  const refresh = (): Promise<string | undefined> => {
    // One read at a time: a slow API server must not pile refreshes up.
    running ??= (async () => {
      try {
        const next = await collect(opts, clock);
        if (!closed) current = record(db, next, opts, clock);
        refreshError = undefined;
        return undefined;
      } catch (e) {
        const note = `the refresh at ${clock.now().toISOString()} failed, the page keeps the snapshot of ${
          current.takenAt
        }: ${errorLine(e)}`;
        refreshError = note;
        onNote(note);
        return note;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (!opts.refresh || closed) return;
    timer = setTimeout(() => void refresh().then(schedule), opts.refresh * 1000);
  };
  schedule();

  return {
    url: server.url,
    summary: `${first.snapshot.results.length} results of ${first.snapshot.policies.length} policies from ${
      first.snapshot.source
    }; snapshots in ${opts.db}${opts.refresh ? `, every ${opts.refresh} s` : ''}`,
    notes: first.notes,
    refresh,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
      await server.close();
      db.close();
    },
  };
}

/** One reading of the sources: the snapshot to record, the rollout verdicts, and notes for the page. */
interface Reading {
  readonly snapshot: Snapshot;
  readonly rollout: RolloutStatus | null;
  readonly notes: string[];
}

/** What the page shows now: the latest reading's verdicts and notes, and when it was taken. */
interface View {
  readonly rollout: RolloutStatus | null;
  readonly notes: readonly string[];
  readonly takenAt: string;
}

function record(db: Store, reading: Reading, opts: DashboardOptions, clock: Clock): View {
  saveSnapshot(db, reading.snapshot);
  pruneSnapshots(db, opts.retentionDays, clock.now());
  return { rollout: reading.rollout, notes: reading.notes, takenAt: reading.snapshot.takenAt };
}

async function collect(opts: DashboardOptions, clock: Clock): Promise<Reading> {
  const notes: string[] = [];
  const side = await readReportSide(opts, notes);
  if (opts.cluster && side.reportCount === 0) notes.push('the cluster holds no PolicyReports or ClusterPolicyReports');
  const { findings } = side;
  if (findings.length === 0) notes.push(`the reports of ${side.source} hold no results: the dashboard is empty`);
  const rollout = opts.repo ? await readRollout(opts, side, clock, notes) : null;
  if (!opts.repo) notes.push('no --repo: modes, readiness and Git locations are not shown');
  const { buildSnapshot } = await import('../../dashboard/snapshot.js');
  const snapshot = buildSnapshot({
    findings,
    ...(rollout ? { rollout: rollout.status } : {}),
    // With a repository, rollout's lookup also knows the teams labelled in Git.
    teamOf: rollout?.teamOf ?? teamLookup(side.objects),
    takenAt: clock.now().toISOString(),
    source: side.source,
  });
  return { snapshot, rollout: rollout?.status ?? null, notes };
}

async function readRollout(opts: DashboardOptions, side: ReportSide, clock: Clock, notes: string[]) {
  const { runRolloutStatus } = await import('./rollout.js');
  const run = await runRolloutStatus(
    opts.repo,
    {
      ...(opts.cluster ? { cluster: true, kubeconfig: opts.kubeconfig, context: opts.context } : {}),
      ...(opts.reports?.length ? { reports: opts.reports } : {}),
      output: 'json',
    },
    clock,
    { reports: side },
  );
  notes.push(...run.notes);
  return run;
}

function openDatabase(file: string): Store {
  try {
    return openStore(file);
  } catch (e) {
    throw new UserError(`cannot open the dashboard database ${file}: ${errorLine(e)}`);
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
