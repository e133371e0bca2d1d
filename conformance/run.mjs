#!/usr/bin/env node
// Conformance scoreboard: runs `tollgate test` over ../shared/conformance/kyverno-policies,
// prints rows matched per group (policy kind × rule type, from index.json) and writes docs/conformance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(
  process.env.TOLLGATE_CONFORMANCE_DIR ?? join(root, '..', 'shared', 'conformance', 'kyverno-policies'),
);
if (!existsSync(join(corpus, 'index.json'))) {
  console.log(`conformance corpus not found at ${corpus}; nothing to score`);
  process.exit(0);
}

const started = Date.now();
const run = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'bin.js'), 'test', corpus, '--output', 'json'], {
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
if (!run.stdout) {
  console.log(`tollgate test produced no output (exit ${run.status}): ${run.stderr.split('\n')[0]}`);
  process.exit(1);
}
const report = JSON.parse(run.stdout);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const index = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8'));

// Group of a suite: its policy kinds and rule types, as index.json tags them.
const CLASSIC_VALIDATE = new Set([
  'validate.pattern',
  'validate.anyPattern',
  'validate.deny',
  'validate.foreach',
  'validate.foreach.deny',
  'validate.foreach.pattern',
  'validate.podSecurity',
]);
function groupOf(entry) {
  const kinds = [...new Set(entry.policyKinds)].sort().join('+');
  const types = [...new Set(entry.ruleTypes)];
  if (kinds === 'ClusterPolicy' || kinds === 'Policy') {
    if (types.some((t) => t.startsWith('validate.cel'))) return 'classic: validate.cel';
    if (types.some((t) => t.startsWith('mutate'))) return 'classic: mutate';
    if (types.some((t) => t.startsWith('generate'))) return 'classic: generate';
    if (types.every((t) => CLASSIC_VALIDATE.has(t)))
      return 'classic: validate (pattern/anyPattern/deny/foreach/podSecurity)';
    return `classic: ${types.join('+')}`;
  }
  return kinds;
}

const byFile = new Map(report.suites.map((s) => [resolve(s.file), s]));
const groups = new Map();
const failing = [];
// Rows not matched, by group and reason (suite errors count every expected row), so work can be assigned.
const reasons = new Map();
const tally = (group, reason, n) => {
  const key = `${group} — ${reason}`;
  reasons.set(key, (reasons.get(key) ?? 0) + n);
};
for (const entry of index) {
  const file = resolve(corpus, entry.test);
  const suite = byFile.get(file);
  const g = groupOf(entry);
  const acc = groups.get(g) ?? { suites: 0, suitesOk: 0, rows: 0, rowsOk: 0 };
  const rows = suite?.rows ?? [];
  const ok = rows.filter((r) => r.ok).length;
  const total = Math.max(rows.length, entry.expectedResults);
  const suiteOk = suite && !suite.error && ok === rows.length;
  acc.suites++;
  acc.suitesOk += suiteOk ? 1 : 0;
  acc.rows += total;
  acc.rowsOk += ok;
  groups.set(g, acc);
  if (!suite) tally(g, 'suite not run', total);
  else if (suite.error) tally(g, `suite error: ${suite.error.split(/[:(]/)[0].trim()}`, total);
  else for (const r of rows.filter((x) => !x.ok)) tally(g, r.reason.split(':')[0], 1);
  if (!suiteOk)
    failing.push({
      test: entry.test,
      group: g,
      why: suite ? (suite.error ?? describeRows(rows)) : 'suite not run',
      ok,
      total,
    });
}

function describeRows(rows) {
  const bad = rows.filter((r) => !r.ok);
  if (bad.length === 0) return 'no rows';
  const first = bad[0];
  return `${bad.length} row(s) differ, e.g. ${first.policy}/${first.rule || '*'} ${first.resource}: ${first.reason}${first.message ? ` (${first.message.slice(0, 160)})` : ''}`;
}

const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
const lines = [];
lines.push('| group | suites passing | rows matched | share |', '|---|---:|---:|---:|');
let tot = { suites: 0, suitesOk: 0, rows: 0, rowsOk: 0 };
for (const [g, a] of [...groups.entries()].sort()) {
  lines.push(`| ${g} | ${a.suitesOk}/${a.suites} | ${a.rowsOk}/${a.rows} | ${pct(a.rowsOk, a.rows)} |`);
  tot = {
    suites: tot.suites + a.suites,
    suitesOk: tot.suitesOk + a.suitesOk,
    rows: tot.rows + a.rows,
    rowsOk: tot.rowsOk + a.rowsOk,
  };
}
lines.push(`| **total** | ${tot.suitesOk}/${tot.suites} | ${tot.rowsOk}/${tot.rows} | ${pct(tot.rowsOk, tot.rows)} |`);
const table = lines.join('\n');
console.log(table);
const topReasons = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `- ${n} × ${k}`);
if (topReasons.length) console.log(`\nrows not matched, by reason:\n${topReasons.slice(0, 15).join('\n')}`);
console.log(`\nconformance run took ${seconds}s`);

const md = [
  '# Conformance scoreboard',
  '',
  'How closely Tollgate reproduces `kyverno test` on the public kyverno/policies library',
  '(the suites in `../shared/conformance/kyverno-policies`). A row is one expected result for one named resource;',
  'it matches when Tollgate reports the result Kyverno expects. Regenerate with `npm run conformance`.',
  '',
  table,
  '',
  '## Rows not matched, by reason',
  '',
  ...(topReasons.length ? topReasons : ['(none)']),
  '',
  '## Suites that do not pass',
  '',
  ...failing
    .sort((a, b) => a.group.localeCompare(b.group) || a.test.localeCompare(b.test))
    .map((f) => `- \`${f.test}\` (${f.group}, ${f.ok}/${f.total}): ${f.why.replace(/\n/g, ' ').replace(/\|/g, '\\|')}`),
  '',
].join('\n');
writeFileSync(join(root, 'docs', 'conformance.md'), md);
