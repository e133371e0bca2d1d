// `tollgate serve` as one replica of a Deployment: its own environment (POD_NAME, POD_NAMESPACE as the Deployment's
// downward API sets them) and signals a test can send it — SIGKILL for a replica that dies without releasing its
// Lease, SIGSTOP for one that hangs. support/tollgate.ts's startServe adds certificates and the namespace to it.
// With `serve --workers N` (the default on a machine with several CPUs) a replica is a process group, as a Pod's
// container is: a hang or a kill reaches every process of it, a SIGTERM only the primary (the kubelet's PID 1).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../cluster/cluster.mjs';
import type { RunningServe } from './tollgate.js';

const bin = fileURLToPath(new URL('../../../dist/bundle/bin.js', import.meta.url));

/** Options of startReplica. */
export interface ReplicaOptions {
  /** Certificates from `tollgate certs` (ca.crt, tls.crt, tls.key); replicas behind one Service share them. */
  readonly certDir: string;
  readonly policies?: readonly string[];
  readonly fromCluster?: boolean;
  readonly extraArgs?: readonly string[];
  /** Added to the cluster's environment. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A running serve whose process the test controls. */
export interface Replica extends RunningServe {
  readonly pid: number;
  /** Send a signal (SIGKILL, SIGSTOP, SIGCONT); resolves once the process is gone for SIGKILL. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Whether the process has ended. */
  exited(): boolean;
}

/** Start serve on a free loopback port and wait until it listens. */
export async function startReplica(cluster: Cluster, opts: ReplicaOptions): Promise<Replica> {
  const args = [bin, 'serve', '--cert', join(opts.certDir, 'tls.crt'), '--key', join(opts.certDir, 'tls.key')];
  args.push('--host', '127.0.0.1', '--port', '0', '--report-interval', '1');
  if (opts.policies?.length) args.push('--policies', ...opts.policies);
  if (opts.fromCluster) args.push('--from-cluster');
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, {
    env: { ...cluster.env, ...opts.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 30 s:\n${log}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${log}`));
    });
    child.stderr!.on('data', () => {
      const m = /"msg":"tollgate webhook listening","port":(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    port,
    pid: child.pid!,
    url: `https://localhost:${port}`,
    caFile: join(opts.certDir, 'ca.crt'),
    logs: () => log,
    exited: gone,
    signal: (signal) => {
      if (gone()) return Promise.resolve();
      if (signal !== 'SIGKILL') {
        signalGroup(child, signal);
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        signalGroup(child, 'SIGKILL');
      });
    },
    stop: () => stopChild(child),
  };
}

// SIGCONT first (a stopped process cannot handle SIGTERM), then SIGTERM, SIGKILL after 10 s.
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    signalGroup(child, 'SIGCONT');
    child.kill('SIGTERM');
  });
}

// Every process of the replica (its workers too): the group the detached child leads.
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is gone already
  }
}
