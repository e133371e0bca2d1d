// `tollgate` as a user runs it against the throwaway cluster: the built CLI (dist/bundle/bin.js), certificates from
// `tollgate certs`, webhook configurations from `tollgate webhook-config` applied with kubectl, `tollgate serve`
// as a child process that the test stops.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../cluster/cluster.mjs';
import { startReplica } from './serve-process.js';

const bin = fileURLToPath(new URL('../../../dist/bundle/bin.js', import.meta.url));

/** Run a tollgate command to completion. */
export function tollgate(args: string[], env: NodeJS.ProcessEnv = process.env, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** kubectl's exit status and output, for commands that may fail. */
export async function kubectlResult(cluster: Cluster, args: string[], input?: string) {
  try {
    const { stdout, stderr } = await cluster.kubectl(args, input);
    return { ok: true, stdout, stderr };
  } catch (err) {
    const cause = (err as Error & { cause?: { stdout?: string; stderr?: string } }).cause;
    return { ok: false, stdout: String(cause?.stdout ?? ''), stderr: String(cause?.stderr ?? '') };
  }
}

/** A running `tollgate serve`. */
export interface RunningServe {
  readonly port: number;
  readonly url: string;
  readonly caFile: string;
  /** Everything serve logged so far (JSON lines on stderr). */
  logs(): string;
  /** SIGTERM, then wait for exit. */
  stop(): Promise<void>;
}

/** Options of startServe. */
export interface ServeOptions {
  /** Directory for certificates and logs. */
  readonly dir: string;
  readonly policies?: readonly string[];
  readonly fromCluster?: boolean;
  readonly extraArgs?: readonly string[];
  /** Reuse these certificates (a restarted serve keeps the caBundle the webhooks already trust). */
  readonly certDir?: string;
}

/** Issue certificates with `tollgate certs` (unless given) and start serve on a free loopback port. */
export async function startServe(cluster: Cluster, opts: ServeOptions): Promise<RunningServe> {
  const certDir = opts.certDir ?? join(opts.dir, 'certs');
  if (!opts.certDir) {
    mkdirSync(certDir, { recursive: true });
    const issued = tollgate(['certs', '--dns', 'localhost', '--out', certDir]);
    if (issued.status !== 0) throw new Error(`tollgate certs failed: ${issued.stderr}`);
  }
  // deploy/ runs serve in tollgate-system, where its Leases live (POD_NAMESPACE).
  if (opts.fromCluster) await kubectlResult(cluster, ['create', 'namespace', 'tollgate-system']);
  return startReplica(cluster, {
    certDir,
    policies: opts.policies,
    fromCluster: opts.fromCluster,
    extraArgs: opts.extraArgs,
  });
}

/** Register serve with the API server the way a user does: `tollgate webhook-config … | kubectl apply -f -`. */
export async function registerWebhooks(
  cluster: Cluster,
  serve: RunningServe,
  policies: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<string> {
  const config = tollgate([
    'webhook-config',
    '--policies',
    ...policies,
    '--url',
    serve.url,
    '--ca-bundle',
    serve.caFile,
    ...extraArgs,
  ]);
  if (config.status !== 0) throw new Error(`webhook-config failed: ${config.stderr}`);
  await cluster.kubectl(['apply', '-f', '-'], config.stdout);
  return config.stdout;
}
