#!/usr/bin/env node
// Benchmark: Kyverno's CLI and Tollgate side by side, in one run, on the same generated manifests (500 and 10,000,
// one file each, bench/lib/workloads.mjs's Pod/Deployment mix) and the same policy files (starter + pod-security
// baseline and restricted): `kyverno apply` (v1.19.1, built from the pinned Go module by
// scripts/e2e/build-kyverno.sh), `tollgate apply` (the same command) and `tollgate check` (what CI runs). Each run
// is a child process under GNU time: wall, CPU (user+sys) and peak RSS, medians over the runs, Kyverno/Tollgate
// ratios. Why: Kyverno's users report "a few hundred manifests take 2–3 minutes" in CI (kyverno/kyverno#4351). The
// result counts of each tool are printed beside the times, so the faster tool is not one that evaluated less.
// It needs the Go-built Kyverno binary and takes minutes: `npm run bench:vs-kyverno [-- --sizes 500 --runs 5]`.
// Last line: JSON.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { kyvernoBinDir } from '../scripts/e2e/kyverno-bin.mjs';
import { generateWorkload } from './lib/workloads.mjs';
import { policyFiles } from './policy-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'bundle', 'bin.js');
const TIME = '/usr/bin/time'; // GNU time: the child's own CPU and max RSS, which Node's spawnSync does not report
// Kyverno takes about 4 minutes for 10,000 manifests on 2 cores: past this much Kyverno time at one size, its
// remaining runs there are skipped, so the whole bench stays near 6 minutes. Tollgate always does every run.
const KYVERNO_BUDGET_MS = 100_000;

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '500,10000' }, runs: { type: 'string', default: '3' } },
});
const SIZES = args.sizes.split(',').map(Number);
const RUNS = Number(args.runs);
if (!SIZES.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`usage: node bench/vs-kyverno.mjs [--sizes 500,10000] [--runs 3] (got ${process.argv.slice(2)})`);
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is missing: apt-get install time`);

const dir = mkdtempSync(join(tmpdir(), 'tollgate-vs-kyverno-bench-'));
// spawnSync blocks signal handlers until the child ends (Ctrl-C reaches it too); then the temp dir goes.
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    rmSync(dir, { recursive: true, force: true });
    process.kill(process.pid, sig);
  });

/** The policy files, copied flat into one directory: both tools read the same files, without the test fixtures. */
function copyPolicies() {
  const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
  const pssFiles = ['baseline', 'restricted'].flatMap((d) =>
    existsSync(join(pss, d)) ? policyFiles(join(pss, d)) : [],
  );
  const sources = [...pssFiles, ...policyFiles(join(root, 'policies', 'starter'))];
  const out = join(dir, 'policies');
  mkdirSync(out);
  sources.forEach((f, i) => copyFileSync(f, join(out, `${i}.yaml`)));
  return { dir: out, files: sources.length, podSecurity: pssFiles.length, pssDir: pss };
}

/** n manifests, one file each, in one flat directory: Kyverno's -r reads a directory's files, not its subdirectories. */
function writeManifests(n) {
  const out = join(dir, `manifests-${n}`);
  mkdirSync(out);
  for (let i = 0; i < n; i++) writeFileSync(join(out, `app-${i}.yaml`), stringify(generateWorkload(i)));
  return out;
}

/** Pass/fail tallies of a report's result rows, `field` naming the status. */
function tally(results, field) {
  if (!Array.isArray(results) || results.length === 0) throw new Error('the report has no results');
  const count = (s) => results.filter((r) => r[field] === s).length;
  return { results: results.length, pass: count('pass'), fail: count('fail') };
}

/** Result counts from each tool's stdout; a throw means no report came out, i.e. a real failure, not failing rules. */
const counters = {
  // Kyverno prints mutated resources as YAML, then the policy report as one JSON object.
  kyverno: (text) => {
    const m = /\{"kind":"\w*Report","apiVersion"/.exec(text);
    if (!m) throw new Error('no policy report in the output');
    return tally(JSON.parse(text.slice(m.index)).results, 'result');
  },
  tollgateApply: (text) => {
    const report = JSON.parse(text);
    return { ...tally(report.results, 'status'), mutate: report.results.filter((r) => r.ruleType === 'mutate').length };
  },
  tollgateCheck: (text) => tally(JSON.parse(text).results, 'result'),
};

/** One run of argv under GNU time, stdout and stderr to files: wall and CPU ms, peak RSS MiB, result counts. */
function timed(key, argv, name) {
  const [out, err, times] = ['out', 'err', 'time'].map((ext) => join(dir, `${name}.${ext}`));
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', '%U %S %M', '-o', times, ...argv], { stdio: ['ignore', ...fds] });
  const wallMs = performance.now() - t0;
  fds.forEach(closeSync);
  if (r.error) throw r.error;
  const stderrTail = () => readFileSync(err, 'utf8').slice(-2000);
  // Exit 1 is "some rule failed" for Kyverno (and "a blocking rule failed" for Tollgate): expected here.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}:\n${stderrTail()}`);
  let counts;
  try {
    counts = counters[key](readFileSync(out, 'utf8'));
  } catch (e) {
    throw new Error(`${argv.join(' ')} (exit ${r.status}): ${e.message}:\n${stderrTail()}`);
  }
  // GNU time writes "Command exited with non-zero status 1" above the format line.
  const [user, sys, maxKiB] = readFileSync(times, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  rmSync(out); // up to ~120 MB each at 10,000 manifests
  return { wallMs, cpuMs: (user + sys) * 1000, peakRssMiB: maxKiB / 1024, counts };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** All runs at one size, the tools interleaved so that a change of machine load hits them alike; medians per tool. */
function measureSize(n, tools) {
  const manifests = writeManifests(n);
  const runs = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [key, tool] of Object.entries(tools)) {
      const spent = runs[key].reduce((a, r) => a + r.wallMs, 0);
      if (key === 'kyverno' && i > 0 && spent + runs[key].at(-1).wallMs > KYVERNO_BUDGET_MS) continue;
      const r = timed(key, tool.argv(manifests), `${key}-${n}-${i}`);
      console.error(`${tool.label} ${n} manifests, run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s`);
      runs[key].push(r);
    }
  }
  rmSync(manifests, { recursive: true, force: true });
  const stats = (rs) => ({
    runs: rs.length,
    wallMs: median(rs.map((r) => r.wallMs)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
    peakRssMiB: median(rs.map((r) => r.peakRssMiB)),
    ...rs.at(-1).counts,
  });
  return Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, stats(rs)]));
}

/** Kyverno's figures divided by a Tollgate command's. */
const ratio = (k, t) => ({ wall: k.wallMs / t.wallMs, cpu: k.cpuMs / t.cpuMs, rss: k.peakRssMiB / t.peakRssMiB });

const pad = (v, w) => String(v).padStart(w);
function printRow(label, n, s) {
  const cols = [pad(n, 9), pad(s.runs, 5), pad((s.wallMs / 1000).toFixed(2), 8), pad((s.cpuMs / 1000).toFixed(2), 8)];
  console.log(`${label.padEnd(15)} ${cols.join(' ')} ${pad(s.peakRssMiB.toFixed(0), 13)}`);
}
const x = (v) => `${v.toFixed(1)}×`;
const rows = (c, note = '') => `${c.results} (${c.pass}/${c.fail}${note})`;

try {
  const kyverno = join(kyvernoBinDir(), 'kyverno');
  const kyvernoVersion = /Version: (\S+)/.exec(spawnSync(kyverno, ['version'], { encoding: 'utf8' }).stdout)?.[1];
  const tollgateVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const policies = copyPolicies();
  const tools = {
    kyverno: {
      label: 'kyverno apply',
      argv: (m) => [kyverno, 'apply', policies.dir, '-r', m, '--policy-report', '--output-format', 'json'],
    },
    tollgateApply: {
      label: 'tollgate apply',
      argv: (m) => [process.execPath, bin, 'apply', policies.dir, '-r', m, '-o', 'json'],
    },
    tollgateCheck: {
      label: 'tollgate check',
      argv: (m) => [process.execPath, bin, 'check', m, '-p', policies.dir, '-o', 'json'],
    },
  };
  const loadBefore = loadavg()[0];
  console.log(
    `Kyverno ${kyvernoVersion} vs Tollgate ${tollgateVersion}; ${policies.files} policy files (${policies.podSecurity} ` +
      `pod-security + ${policies.files - policies.podSecurity} starter); median of ${RUNS} runs (Kyverno: fewer once ` +
      `its runs at a size pass ${KYVERNO_BUDGET_MS / 1000} s); load average ${loadBefore.toFixed(1)} on ` +
      `${cpus().length} cores before the run`,
  );
  if (!policies.podSecurity) console.log(`pod-security policies not found in ${policies.pssDir}: starter set only`);
  const sizes = [];
  console.log(`${'tool'.padEnd(15)} manifests  runs   wall s    CPU s  peak RSS MiB`);
  for (const n of SIZES) {
    const s = measureSize(n, tools);
    for (const [key, tool] of Object.entries(tools)) printRow(tool.label, n, s[key]);
    const [ra, rc] = [ratio(s.kyverno, s.tollgateApply), ratio(s.kyverno, s.tollgateCheck)];
    console.log(
      `  Kyverno/Tollgate at ${n}: apply wall ${x(ra.wall)} CPU ${x(ra.cpu)} RSS ${x(ra.rss)}; ` +
        `check wall ${x(rc.wall)} CPU ${x(rc.cpu)} RSS ${x(rc.rss)}`,
    );
    // check lists no rows for mutate rules; apply and Kyverno list one per mutated resource.
    console.log(
      `  results (pass/fail): kyverno ${rows(s.kyverno)}, tollgate apply ${rows(s.tollgateApply)}, ` +
        `tollgate check ${rows(s.tollgateCheck, `; no mutate rows, apply has ${s.tollgateApply.mutate}`)}`,
    );
    sizes.push({ manifests: n, ...s, ratio: ra, ratioCheck: rc });
  }
  const loadAfter = loadavg()[0];
  console.log(`load average ${loadAfter.toFixed(1)} after the run`);
  console.log('anchor: kyverno/kyverno#4351 — "a few hundred manifests take 2–3 minutes" with `kyverno apply` in CI');
  const round = (k, v) => (typeof v !== 'number' ? v : k.endsWith('Ms') ? Math.round(v) : Math.round(v * 100) / 100);
  console.log(
    JSON.stringify(
      {
        kyvernoVersion,
        tollgateVersion,
        policyFiles: policies.files,
        podSecurity: policies.podSecurity > 0,
        cores: cpus().length,
        loadavg: { before: loadBefore, after: loadAfter },
        sizes,
      },
      round,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
