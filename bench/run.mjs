#!/usr/bin/env node
// Runs every benchmark in bench/ in turn.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f !== 'policy-files.mjs' && f !== 'noop-https-server.mjs')
  .sort()) {
  console.log(`\n== ${f}`);
  spawnSync(process.execPath, [join(dir, f)], { stdio: 'inherit' });
}
