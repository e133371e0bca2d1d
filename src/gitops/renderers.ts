// The real renderers: kustomize / kubectl kustomize / helm run as child processes with a timeout.
import { spawnSync } from 'node:child_process';
import type { HelmArgs, RenderOutput, Renderers } from './types.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Renderers backed by the tools on PATH; a tool that is not installed yields `{kind: 'missing'}`. */
export function defaultRenderers(opts: { timeoutMs?: number } = {}): Renderers {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    kustomize(dir) {
      // Argo CD runs `kustomize build`; `kubectl kustomize` embeds the same engine.
      const own = runTool('kustomize', ['build', dir], timeoutMs);
      if (own.kind !== 'missing') return own;
      const viaKubectl = runTool('kubectl', ['kustomize', dir], timeoutMs);
      return viaKubectl.kind === 'missing' ? { kind: 'missing', tool: 'kustomize' } : viaKubectl;
    },
    helm(args) {
      return runTool('helm', helmCommandLine(args), timeoutMs);
    },
  };
}

/** The `helm template` argument list for these arguments (without the `helm` itself). */
export function helmCommandLine(a: HelmArgs): string[] {
  const argv = ['template', a.releaseName, a.chartDir];
  if (a.namespace) argv.push('--namespace', a.namespace);
  for (const f of a.valueFiles) argv.push('--values', f);
  for (const s of a.set) argv.push('--set', s);
  for (const s of a.setString) argv.push('--set-string', s);
  for (const s of a.setFile) argv.push('--set-file', s);
  if (a.skipCrds) argv.push('--skip-crds');
  else argv.push('--include-crds'); // Argo CD includes CRDs unless skipCrds
  if (a.kubeVersion) argv.push('--kube-version', a.kubeVersion);
  for (const v of a.apiVersions) argv.push('--api-versions', v);
  return argv;
}

/** Run a tool; ENOENT means it is not installed. */
export function runTool(tool: string, argv: string[], timeoutMs: number): RenderOutput {
  const r = spawnSync(tool, argv, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES });
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { kind: 'missing', tool };
  if (code === 'ETIMEDOUT') return { kind: 'failed', tool, stderr: `timed out after ${timeoutMs / 1000} s` };
  if (r.error) return { kind: 'failed', tool, stderr: r.error.message };
  if (r.status !== 0) return { kind: 'failed', tool, stderr: r.stderr || `exit status ${r.status}` };
  return { kind: 'ok', stdout: r.stdout };
}
