#!/usr/bin/env node
// Bundles the built CLI (dist/cli/bin.js and what it imports) into dist/bundle: the executable `tollgate` runs.
// One file per command instead of ~600 modules halves start-up (bench/startup.mjs, docs/decisions.md). Commands
// stay separate chunks, loaded when they run; the Kubernetes client stays an ordinary dependency (serve, report
// --cluster), never bundled, and so does better-sqlite3 (a native addon). The dashboard's page is bundled too, for
// the browser, into dist/dashboard-ui: one script and index.html, nothing fetched from elsewhere at run time.
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
// Chunk names carry content hashes: without a clean directory every rebuild would leave the old chunks behind (and
// `npm pack` would ship them).
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'cli', 'bin.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@kubernetes/client-node', 'better-sqlite3'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __tollgateRequire } from 'node:module'; const require = __tollgateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(join(outdir, 'bin.js'), 0o755);

const ui = join(root, 'dist', 'dashboard-ui');
mkdirSync(ui, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'dashboard', 'ui', 'main.ts')],
  outfile: join(ui, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
});
copyFileSync(join(root, 'src', 'dashboard', 'ui', 'index.html'), join(ui, 'index.html'));
