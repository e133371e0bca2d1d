// `tollgate dashboard` as a child process of the built CLI, for the e2e and browser tests: it listens on any free
// port and the test reads the URL the command prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../dist/bundle/bin.js', import.meta.url));

/** A running dashboard and the URL it serves. */
export interface DashboardProcess {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Start `tollgate dashboard --port 0 ARGS...`; resolves with its URL once it listens, rejects if it exits first. */
export async function startDashboardProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<DashboardProcess> {
  const child = spawn(process.execPath, [bin, 'dashboard', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`dashboard exited ${code}: ${out}`)));
  });
  return { process: child, url };
}
