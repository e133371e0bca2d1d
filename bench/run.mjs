#!/usr/bin/env node
// Runs every benchmark in bench/ in turn, except e2e-admission.mjs, which starts a cluster (`npm run bench:e2e`), and
// vs-kyverno.mjs, which builds Kyverno's CLI with Go and runs for minutes (`npm run bench:vs-kyverno`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
for (const f of readdirSync(dir)
  .filter(
    (f) =>
      f.endsWith('.mjs') &&
      !['run.mjs', 'policy-files.mjs', 'noop-https-server.mjs', 'e2e-admission.mjs', 'vs-kyverno.mjs'].includes(f),
  )
  .sort()) {
  console.log(`\n== ${f}`);
  spawnSync(process.execPath, [join(dir, f)], { stdio: 'inherit' });
}
