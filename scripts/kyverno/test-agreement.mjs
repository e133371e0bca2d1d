#!/usr/bin/env node
// `kyverno test` and `tollgate test` on the same suites (Tollgate's own by default: the starter policies, the
// examples and the kyverno-test testdata), suite by suite, row by row: each row's verdict (Pass/Fail) must be the
// same in both. Kyverno's CLI is built (or found in the cache) by scripts/e2e/build-kyverno.sh. Exits 1 on a
// disagreement that is not an intended difference (docs/decisions.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kyvernoBinDir } from '../e2e/kyverno-bin.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dirs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['policies/starter', 'examples', 'src/kyverno-test/testdata/suites'].map((d) => join(root, d));

// Rows where the two differ on purpose: an exception past its `tollgate.dev/expires` date no longer applies in
// Tollgate, while Kyverno ignores the annotation (docs/decisions.md, "Engine semantics").
const INTENDED = [
  { suite: 'src/kyverno-test/testdata/suites/exceptions', policy: 'require-team', resource: 'old-settings' },
];

function suites(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) suites(p, out);
    else if (e.name === 'kyverno-test.yaml') out.push(dirname(p));
  }
  return out;
}

let kyverno;
try {
  kyverno = join(kyvernoBinDir(), 'kyverno');
} catch (e) {
  console.error(`kyverno-test-agreement: ${e.message}`);
  process.exit(2);
}
const tollgate = join(root, 'dist', 'bundle', 'bin.js');
if (!existsSync(tollgate)) {
  console.error('kyverno-test-agreement: build first: npm run build');
  process.exit(2);
}

/** Kyverno's rows of one suite as `policy resource → Pass|Fail`, or its load error. */
function kyvernoRows(suite) {
  const r = spawnSync(kyverno, ['test', suite, '-o', 'json', '--remove-color'], { encoding: 'utf8' });
  const at = r.stdout.indexOf('\n[');
  const end = r.stdout.indexOf('\n]', at);
  if (at < 0 || end < 0)
    return { error: (r.stderr.split('\n').find((l) => l.startsWith('Error')) ?? `exit ${r.status}`).trim() };
  return {
    rows: JSON.parse(r.stdout.slice(at, end + 2)).map((x) => ({
      policy: x.POLICY,
      resource: String(x.RESOURCE).split('/').pop(),
      result: x.RESULT,
    })),
  };
}

/** Tollgate's rows of the same suite, in the same shape. */
function tollgateRows(suite) {
  const r = spawnSync(process.execPath, [tollgate, 'test', join(suite, 'kyverno-test.yaml'), '-o', 'json'], {
    encoding: 'utf8',
  });
  const [s] = JSON.parse(r.stdout).suites;
  if (s.error) return { error: s.error };
  return {
    rows: s.rows
      // Kyverno prints no row for a resource its patchedResources file does not hold; Tollgate lists it as ok.
      .filter((x) => x.reason !== 'Not in patchedResources')
      .map((x) => ({
        policy: x.policy,
        resource: String(x.resource).split('/').pop(),
        result: x.ok ? 'Pass' : 'Fail',
      })),
  };
}

// Rows come in the test file's order in both tools; a generate row names the generated resource in Kyverno's
// table and the trigger in Tollgate's, so rows are paired by position and compared by policy and verdict.
let rows = 0;
let disagreements = 0;
let intended = 0;
for (const suite of dirs.flatMap((d) => suites(resolve(d))).sort()) {
  const name = relative(root, suite);
  const k = kyvernoRows(suite);
  const t = tollgateRows(suite);
  if (k.error || t.error) {
    const same = Boolean(k.error) === Boolean(t.error);
    console.log(
      `${same ? 'agree' : 'DISAGREE'}  ${name}: both refuse the suite${same ? '' : ` (kyverno: ${k.error ?? 'ran'}; tollgate: ${t.error ?? 'ran'})`}`,
    );
    if (!same) disagreements++;
    continue;
  }
  const open = [];
  let excused = 0;
  for (let i = 0; i < Math.max(k.rows.length, t.rows.length); i++) {
    const a = k.rows[i];
    const b = t.rows[i];
    if (a && b && a.policy === b.policy && a.result === b.result) continue;
    const isIntended = INTENDED.some((x) => name === x.suite && b?.policy === x.policy && b?.resource === x.resource);
    if (isIntended) excused++;
    else
      open.push(
        `row ${i + 1}: kyverno ${a ? `${a.policy} ${a.resource} ${a.result}` : 'none'} | tollgate ${b ? `${b.policy} ${b.resource} ${b.result}` : 'none'}`,
      );
  }
  rows += k.rows.length;
  intended += excused;
  disagreements += open.length;
  console.log(
    `${open.length ? 'DISAGREE' : 'agree'}  ${name}: ${k.rows.length} rows${excused ? ` (${excused} intended)` : ''}`,
  );
  for (const d of open) console.log(`    ${d}`);
}
console.log(`kyverno test vs tollgate test: ${rows} rows, ${disagreements} disagreements, ${intended} intended`);
process.exitCode = disagreements > 0 ? 1 : 0;
