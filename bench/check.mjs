#!/usr/bin/env node
// Benchmark: `tollgate check` over a generated repository of 10,000 manifests with the starter and
// pod-security policies, against the floor of reading and parsing the same files with js-yaml.
//
// Method. The parent process writes the repository, then runs each measurement in a fresh child process so
// that no phase pays for (or is flattered by) another's heap, JIT warm-up or garbage:
//   - floor: `--floor DIR` lists, reads and parses every file with js-yaml (CORE_SCHEMA, as Tollgate reads
//     them) and reports its CPU time (user + system, process.cpuUsage). It runs twice, in two children, and
//     the lower figure counts: the floor is a lower bound, and the cores are shared.
//   - check: `--check DIR` calls runCheck once, with the V8 settings and run options of `tollgate check` for its
//     default text output (passes counted, not listed), and reports its per-phase wall and CPU timings and the
//     child's peak RSS (process.resourceUsage().maxRSS: the kernel's high-water mark, node and its modules
//     included; the generated repository never lived in that process).
//     Where that run's CPU went: its main thread, and the other threads (V8 compiling hot functions and helping the
//     garbage collector), from /proc/self/task. Then, peak RSS read, a second runCheck in the same process: its
//     evaluation phase (warmEvaluateCpuMs) shows what evaluation costs once V8 has compiled the engine, which a
//     one-shot run pays for once. The check also runs in two children, and the one whose evaluation cost less
//     counts (its peak RSS is the higher of the two), so both sides of the ratio are measured alike.
//   - cli: `--cli DIR FORMAT` runs the whole `tollgate check -o FORMAT` (output written to /dev/null) and reports
//     its CPU time and peak RSS: what a user's CI job pays, output included.
// Figures: evaluateCpuMs is the CPU time of runCheck's evaluation phase; ratio = evaluateCpuMs / parseFloorCpuMs;
// the read phase (walk, read, parse, classify, render) is compared with the same floor.
// `--marginal` measures floor and check again on a repository three times larger: the JSON's `marginal` (and a
// text line) split evaluation and parsing into what a process pays once (V8 compiling the code, the first objects
// run interpreted) and what each further manifest costs, and the ratio of the latter.
// `--json` prints the figures as JSON; its last line is {"evaluateCpuMs", "parseFloorCpuMs", "ratio", "peakRssMiB"}.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { stringify } from 'yaml';
import { ownThreadsCpuMs } from './lib/proc-stats.mjs';
import { policyFiles } from './policy-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_RESOURCES ?? 10000);
const pss = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
const podSecurity = existsSync(pss)
  ? policyFiles(pss)
  : [join(root, 'src', 'cli', 'testdata', 'line-accuracy', 'policies')];

function manifest(i) {
  const labels = {
    app: `app-${i}`,
    team: `team-${i % 20}`,
    environment: i % 3 ? 'staging' : 'production',
    ...(i % 7 ? { 'cost-centre': 'cc-1' } : {}),
  };
  const pod = {
    containers: [
      {
        name: 'app',
        image: i % 11 === 0 ? `ghcr.io/acme/app-${i % 50}:latest` : `ghcr.io/acme/app-${i % 50}:1.${i % 10}.0`,
        securityContext: { allowPrivilegeEscalation: i % 5 === 0, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
        resources:
          i % 4 ? { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } } : {},
        ports: [{ containerPort: 8080 }],
      },
    ],
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  };
  const namespace = i % 3 ? 'staging' : 'prod-eu';
  if (i % 2) return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `app-${i}`, namespace, labels }, spec: pod };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `app-${i}`, namespace, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: { metadata: { labels }, spec: pod },
    },
  };
}

const cpuMs = (since) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

/** Child: read and parse every file below `dir` with js-yaml; prints its CPU time. */
function parseFloor(dir) {
  const start = process.cpuUsage();
  let documents = 0;
  const visit = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else documents += jsyaml.loadAll(readFileSync(full, 'utf8'), undefined, { schema: jsyaml.CORE_SCHEMA }).length;
    }
  };
  visit(dir);
  return { cpuMs: cpuMs(start), documents };
}

/** Child: one runCheck over `dir`; prints its timings, summary and peak RSS. */
async function check(dir) {
  const { runCheck } = await import('../dist/cli/commands/check-run.js');
  const { checkRunOptions } = await import('../dist/cli/commands/check.js');
  // The V8 settings `tollgate check` runs with.
  const { tuneForOneShotRun } = await import('../dist/cli/v8-settings.js');
  tuneForOneShotRun();
  const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
  // The run `tollgate check` makes for its default output (text).
  const opts = checkRunOptions({ policies: [join(root, 'policies', 'starter'), ...podSecurity], output: 'text' });
  const threads0 = ownThreadsCpuMs();
  const t0 = performance.now();
  const run = runCheck(dir, opts, clock);
  const wallMs = performance.now() - t0;
  const threads1 = ownThreadsCpuMs();
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const s = run.report.summary;
  const warm = runCheck(dir, opts, clock).timings;
  return {
    wallMs,
    timings: run.timings,
    summary: { ...s, checks: s.pass + s.fail + s.warn + s.error + s.skip },
    peakRssMiB,
    mainThreadCpuMs: threads1.main - threads0.main,
    otherThreadsCpuMs: threads1.others - threads0.others,
    warmEvaluateCpuMs: warm.evaluateCpuMs,
  };
}

/** Child: the whole `tollgate check` command; its figures go to stderr (stdout is the command's output). */
async function cli(dir, format) {
  const { main } = await import('../dist/cli/main.js');
  const start = process.cpuUsage();
  const code = await main([
    'check',
    dir,
    '--policies',
    join(root, 'policies', 'starter'),
    ...podSecurity,
    '-o',
    format,
  ]);
  const spent = cpuMs(start);
  process.stderr.write(
    JSON.stringify({ format, exitCode: code, cpuMs: spent, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

function inChild(flag, dir, ...rest) {
  const toCli = flag === '--cli';
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), flag, dir, ...rest], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', toCli ? openSync('/dev/null', 'w') : 'pipe', 'pipe'],
  });
  if (r.status !== 0 && !toCli) throw new Error(`${flag} failed: ${r.stderr}`);
  const figures = (toCli ? r.stderr : r.stdout).trim().split('\n').at(-1);
  if (toCli && !figures?.startsWith('{')) throw new Error(`--cli ${rest[0]} failed: ${r.stderr}`);
  return JSON.parse(figures);
}

function generate(count) {
  const repo = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  for (let i = 0; i < count; i++) {
    const dir = join(repo, 'apps', `team-${i % 20}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `app-${i}.yaml`), stringify(manifest(i)));
  }
  return repo;
}

// The lower of two children, for the floor and for the check alike (the check's peak RSS is the higher one).
function measure(repo) {
  const floors = [inChild('--floor', repo), inChild('--floor', repo)];
  const floor = floors.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const checks = [inChild('--check', repo), inChild('--check', repo)];
  const check = checks.reduce((a, b) => (b.timings.evaluateCpuMs < a.timings.evaluateCpuMs ? b : a));
  check.evaluateCpuMsRuns = checks.map((c) => c.timings.evaluateCpuMs);
  check.peakRssMiB = Math.max(...checks.map((c) => c.peakRssMiB));
  return { floor, check };
}

// `--marginal`: the same measurement on a repository MARGINAL_FACTOR times larger. Evaluation and parsing each
// cost a part paid once per process (V8 compiling the code, the first objects run interpreted) and a part per
// manifest; two sizes separate them.
function marginal(small, large) {
  const manifests = [small.check.summary.resources, large.check.summary.resources];
  const added = manifests[1] - manifests[0];
  const perManifest = (a, b) => ((b - a) * 1000) / added;
  const evaluateUs = perManifest(small.check.timings.evaluateCpuMs, large.check.timings.evaluateCpuMs);
  const parseUs = perManifest(small.floor.cpuMs, large.floor.cpuMs);
  return {
    manifests,
    evaluateUsPerManifest: evaluateUs,
    parseUsPerManifest: parseUs,
    ratio: evaluateUs / parseUs,
    oneTimeEvaluateMs: small.check.timings.evaluateCpuMs - (evaluateUs * manifests[0]) / 1000,
    oneTimeParseMs: small.floor.cpuMs - (parseUs * manifests[0]) / 1000,
    largeRatio: large.check.timings.evaluateCpuMs / large.floor.cpuMs,
  };
}
const MARGINAL_FACTOR = 3;

function report(check, floor, clis, json, more) {
  const t = check.timings;
  const s = check.summary;
  const ratio = t.evaluateCpuMs / floor.cpuMs;
  const readRatio = t.readCpuMs / floor.cpuMs;
  if (json) {
    console.log(
      JSON.stringify({ ...check, parseFloor: floor, readRatio, cli: clis, ...(more ? { marginal: more } : {}) }),
    );
    const last = { evaluateCpuMs: t.evaluateCpuMs, parseFloorCpuMs: floor.cpuMs, ratio, peakRssMiB: check.peakRssMiB };
    console.log(JSON.stringify(last));
    return;
  }
  const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`manifests: ${s.resources}, checks: ${s.checks} (fail ${s.fail}, blocking ${s.blocking})`);
  console.log(`wall time: ${sec(check.wallMs)}, peak RSS: ${check.peakRssMiB.toFixed(0)} MiB`);
  console.log(`parse floor (js-yaml): ${sec(floor.cpuMs)} CPU for ${floor.documents} documents`);
  console.log(
    `reading+parsing: ${sec(t.readCpuMs)} CPU (${readRatio.toFixed(2)}× floor), policy compile: ${t.compileCpuMs.toFixed(0)} ms CPU, evaluation: ${sec(t.evaluateCpuMs)} CPU (${ratio.toFixed(1)}× floor; the two runs: ${check.evaluateCpuMsRuns.map(sec).join(', ')})`,
  );
  console.log(
    `the whole run's CPU: main thread ${sec(check.mainThreadCpuMs)}, other threads (V8 compiler, GC helpers) ${sec(check.otherThreadsCpuMs)}; evaluation run again in the same process: ${sec(check.warmEvaluateCpuMs)} CPU (${(check.warmEvaluateCpuMs / floor.cpuMs).toFixed(1)}× floor)`,
  );
  for (const c of clis)
    console.log(
      `tollgate check -o ${c.format}: ${sec(c.cpuMs)} CPU, peak RSS ${c.peakRssMiB.toFixed(0)} MiB (whole command)`,
    );
  if (!more) return;
  const [a, b] = more.manifests;
  console.log(
    `${b} manifests: evaluation ${more.largeRatio.toFixed(2)}× floor; per manifest beyond the first ${a}: evaluation ${more.evaluateUsPerManifest.toFixed(0)} µs CPU, parse ${more.parseUsPerManifest.toFixed(0)} µs (${more.ratio.toFixed(2)}×); paid once per process: evaluation ${sec(more.oneTimeEvaluateMs)}, parse ${sec(more.oneTimeParseMs)}`,
  );
}

const [mode, arg] = process.argv.slice(2);
if (mode === '--floor') console.log(JSON.stringify(parseFloor(arg)));
else if (mode === '--check') console.log(JSON.stringify(await check(arg)));
else if (mode === '--cli') await cli(arg, process.argv[4]);
else {
  const repo = generate(N);
  const large = process.argv.includes('--marginal') ? generate(N * MARGINAL_FACTOR) : undefined;
  try {
    // The check runs twice too, and its lower evaluation counts, as the floor's does: the ratio then compares two
    // figures measured alike on shared cores.
    const small = measure(repo);
    const clis = ['text', 'json', 'policyreport'].map((format) => inChild('--cli', repo, format));
    const more = large ? marginal(small, measure(large)) : undefined;
    report(small.check, small.floor, clis, process.argv.includes('--json'), more);
  } finally {
    rmSync(repo, { recursive: true, force: true });
    if (large) rmSync(large, { recursive: true, force: true });
  }
}
