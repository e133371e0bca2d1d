#!/usr/bin/env node
// `npm run differential:merge -- [--cases N] [--seed S] [--show K]`: Tollgate's patchStrategicMerge against
// Kyverno's own (its patch package behind test/e2e/tools/kyverno/merge-oracle) on generated resource × patch
// pairs: the patched resource (lists in order) or, when both fail, the error text. Prints the counts, the first
// divergences and a JSON last line; exits 1 on any divergence.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { kyvernoBinDir } from '../../../scripts/e2e/kyverno-bin.mjs';
import { generateCases } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { values: o } = parseArgs({
  options: {
    cases: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string', default: '5' },
  },
});
const [count, seed, show] = [Number(o.cases), Number(o.seed), Number(o.show)];
if (![count, seed, show].every((n) => Number.isInteger(n) && n >= 0) || count < 1) {
  console.error('usage: npm run differential:merge -- [--cases N>=1] [--seed S>=0] [--show K>=0]');
  process.exit(2);
}

// Tollgate's strategic merge, as built by `npm run build` (the npm script builds first).
const { applyStrategicMergePatch } = await import(join(root, 'dist', 'engine', 'mutate', 'patch', 'index.js'));

const cases = generateCases(seed, count);
const started = process.hrtime.bigint();
// Kyverno's engine receives the resource as Go's encoding/json writes it, keys sorted (errors print its nodes).
const oracle = spawnSync(join(kyvernoBinDir(), 'kyverno-merge'), {
  input:
    cases.map((c) => JSON.stringify({ resource: JSON.parse(canonical(c.resource)), patch: c.patch })).join('\n') + '\n',
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (oracle.status !== 0) {
  console.error(`kyverno-merge failed (exit ${oracle.status}): ${oracle.stderr.split('\n')[0]}`);
  process.exit(2);
}
const kyverno = oracle.stdout
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const kyvernoSeconds = Number(process.hrtime.bigint() - started) / 1e9;

const counts = { cases: count, patched: 0, unchanged: 0, errors: 0, kyvernoPanics: 0, divergences: 0 };
const shown = [];
const t0 = process.hrtime.bigint();
cases.forEach((c, i) => {
  const k = kyverno[i];
  let t;
  try {
    t = { result: applyStrategicMergePatch(c.resource, c.patch) };
  } catch (e) {
    t = { error: e.message };
  }
  if (k.error?.startsWith('panic: ')) return void counts.kyvernoPanics++;
  const same =
    k.error !== undefined ? t.error === k.error : t.result !== undefined && canonical(t.result) === canonical(k.result);
  if (!same) {
    counts.divergences++;
    if (shown.length < show) shown.push({ case: i, ...c, kyverno: k, tollgate: t });
  } else if (k.error !== undefined) counts.errors++;
  else if (canonical(k.result) === canonical(c.resource)) counts.unchanged++;
  else counts.patched++;
});
const tollgateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

console.log(`strategic-merge differential: seed ${seed}, ${count} cases`);
console.log(`  patched ${counts.patched}, unchanged ${counts.unchanged}, both errors ${counts.errors}`);
console.log(`  Kyverno panicked (not compared): ${counts.kyvernoPanics}`);
console.log(`  divergences: ${counts.divergences}`);
console.log(`  Kyverno ${kyvernoSeconds.toFixed(2)} s, Tollgate ${tollgateSeconds.toFixed(2)} s`);
for (const d of shown) console.log(JSON.stringify(d));
console.log(JSON.stringify({ seed, ...counts }));
process.exit(counts.divergences > 0 ? 1 : 0);

/** JSON with map keys sorted and list order kept: Kyverno writes maps sorted, lists as merged. */
function canonical(v) {
  const sort = (x) =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return JSON.stringify(sort(v));
}
