// Kyverno's side: `kyverno apply` on a batch directory, read back as result rows, mutated and generated resources.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { objectsIn } from './corpus.mjs';

/** Run `kyverno apply` on `dir`/policies.yaml and `dir`/resources.yaml; resolves to the batch outcome. */
export function kyvernoApply(kyverno, dir) {
  const out = join(dir, 'kyverno-out');
  mkdirSync(out, { recursive: true });
  const args = ['apply', join(dir, 'policies.yaml'), '-r', join(dir, 'resources.yaml'), '--policy-report'];
  args.push('--output-format', 'json', '-o', out + '/', '--remove-color');
  return new Promise((resolveRun) => {
    const child = spawn(kyverno, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolveRun(outcome(stdout, stderr, code, out)));
  });
}

function outcome(stdout, stderr, code, out) {
  // One JSON report per line (a ClusterReport, or PolicyReports for namespaced policies); none when nothing matched.
  // Mutation notes are printed without a line break, so a report may start mid-line.
  const reports = [...stdout.matchAll(/\{"kind":"(?:Cluster)?PolicyReport"|\{"kind":"ClusterReport"/g)].map((m) =>
    JSON.parse(stdout.slice(m.index).split('\n')[0]),
  );
  if (reports.length === 0 && code !== 0) {
    const text = `${stdout}\n${stderr}`;
    const why = text.split('\n').find((l) => /^(Error|panic)|error/.test(l)) ?? `exit ${code}`;
    return { error: why.trim(), crashed: /^panic/m.test(text), rows: [], mutated: new Map(), generated: [] };
  }
  const rows = reports
    .flatMap((report) => report.results ?? [])
    .map((r) => ({
      policy: r.policy,
      rule: r.rule ?? '',
      kind: r.resources?.[0]?.kind ?? '',
      namespace: r.resources?.[0]?.namespace ?? '',
      name: r.resources?.[0]?.name ?? '',
      status: r.result,
      message: r.message ?? '',
    }));
  const mutated = new Map();
  const generated = [];
  for (const f of existsSync(out) ? readdirSync(out).sort() : []) {
    const docs = objectsIn(join(out, f));
    if (f.endsWith('-generated.yaml')) generated.push(...docs);
    else for (const d of docs) mutated.set(`${d.kind}/${d.metadata?.name}`, d);
  }
  return { rows, mutated, generated };
}
