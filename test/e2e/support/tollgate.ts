// `tollgate` as a user runs it against the throwaway cluster: the built CLI (dist/bundle/bin.js), certificates from
// `tollgate certs`, webhook configurations from `tollgate webhook-config` applied with kubectl, `tollgate serve`
// as a child process that the test stops.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../cluster/cluster.mjs';

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
  const certs = opts.certDir ?? join(opts.dir, 'certs');
  if (!opts.certDir) {
    mkdirSync(certs, { recursive: true });
    const issued = tollgate(['certs', '--dns', 'localhost', '--out', certs]);
    if (issued.status !== 0) throw new Error(`tollgate certs failed: ${issued.stderr}`);
  }
  // deploy/ runs serve in tollgate-system, where its Leases live (POD_NAMESPACE).
  if (opts.fromCluster) await kubectlResult(cluster, ['create', 'namespace', 'tollgate-system']);
  const args = [bin, 'serve', '--cert', join(certs, 'tls.crt'), '--key', join(certs, 'tls.key')];
  args.push('--host', '127.0.0.1', '--port', '0', '--report-interval', '1');
  if (opts.policies?.length) args.push('--policies', ...opts.policies);
  if (opts.fromCluster) args.push('--from-cluster');
  args.push(...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, { env: cluster.env, stdio: ['ignore', 'ignore', 'pipe'] });
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
  return {
    port,
    url: `https://localhost:${port}`,
    caFile: join(certs, 'ca.crt'),
    logs: () => log,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
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
