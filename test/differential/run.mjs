#!/usr/bin/env node
// `npm run differential -- [--cases N] [--seed S] [--batch B] [--jobs J] [--only TEXT] [--fixtures DIR]`:
// Kyverno's CLI and Tollgate on the same generated inputs, compared per rule. Prints the counts; exits 1 when a
// divergence is neither fixed nor an intended difference (test/differential/intended.mjs). With --fixtures, the
// first divergence of each kind per suite is shrunk and written there as a regression fixture.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { kyvernoBinDir } from '../../scripts/e2e/kyverno-bin.mjs';
import { batchResources } from './batches.mjs';
import { loadCorpus } from './corpus.mjs';
import { differ, signature } from './differ.mjs';
import { writeFixture } from './fixtures.mjs';
import { mutatedPolicies } from './policy-mutations.mjs';
import { shrinkResource } from './shrink.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: o } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '2' },
    only: { type: 'string' },
    mutations: { type: 'string', default: '0.5' },
    report: { type: 'string' },
    kyverno: { type: 'string' },
    fixtures: { type: 'string' },
    keep: { type: 'boolean', default: false },
    tollgate: { type: 'string' },
    replay: { type: 'string' },
  },
});
const seed = Number(o.seed);
const numbers = { cases: Number(o.cases), seed, batch: Number(o.batch), jobs: Number(o.jobs) };
for (const [name, v] of Object.entries(numbers))
  if (!Number.isInteger(v) || v < (name === 'seed' ? 0 : 1)) usage(`--${name} must be a positive integer`);

function usage(message) {
  console.error(`differential: ${message}`);
  process.exit(2);
}

/** The Kyverno CLI: --kyverno, else built (or found in the cache) by scripts/e2e/build-kyverno.sh. */
function kyvernoBinary() {
  if (o.kyverno) return o.kyverno;
  try {
    return join(kyvernoBinDir(), 'kyverno');
  } catch (e) {
    return usage(e.message);
  }
}

const roots = [join(root, 'policies', 'starter'), join(root, '..', 'shared', 'conformance', 'kyverno-policies')];
const corpus = loadCorpus(roots).filter((e) => !o.only || e.id.includes(o.only));
if (corpus.length === 0) usage(`no test suites below ${roots.join(', ')}${o.only ? ` match ${o.only}` : ''}`);
// --tollgate: another built checkout (e.g. the commit before a fix, to shrink and record what it got wrong).
const tollgateRoot = resolve(o.tollgate ?? root);
if (!existsSync(join(tollgateRoot, 'dist', 'cli', 'commands', 'apply.js')))
  usage(`build first: no dist/ in ${tollgateRoot}`);
const tools = {
  kyverno: kyvernoBinary(),
  tollgate: {
    cli: await import(join(tollgateRoot, 'dist', 'cli', 'commands', 'apply.js')),
    engine: await import(join(tollgateRoot, 'dist', 'engine', 'index.js')),
  },
};

// Batches round-robin over the corpus until the cases are used up, so a short run still covers every suite; a
// batch takes the suite's policies as written or (with probability --mutations) mutated.
const plan = [];
for (let left = numbers.cases, round = 0; left > 0; round++)
  for (const entry of corpus) {
    if (left <= 0) break;
    const n = Math.min(numbers.batch, left);
    plan.push({ entry, n, round, seed: (seed * 1_000_003 + plan.length * 7919) >>> 0 });
    left -= n;
  }

const work = mkdtempSync(join(tmpdir(), 'tollgate-differential-'));
const counts = { batches: 0, cases: 0, rows: 0, mutatedPolicies: 0, rejectedByBoth: 0, divergences: 0, intended: 0 };
const found = [];
// Kyverno's compared rows by the kind of their policy and the type of their rule (Tollgate's row names the type;
// a row only Kyverno has takes its CEL kind's stage).
const rowsByKind = {};
const CEL_STAGES = {
  Validating: 'validate',
  Mutating: 'mutate',
  Generating: 'generate',
  ImageValidating: 'verifyImages',
};
const crashes = [];
const started = Date.now();

async function runBatch(b, i) {
  const policies = mutatedPolicies(b.entry.policies, b.seed, Number(o.mutations));
  const resources = batchResources(b.entry, b.n, b.seed);
  const { k, t, divergences } = await differ(tools, join(work, String(i)), policies, resources, { keep: o.keep });
  counts.batches++;
  if (policies !== b.entry.policies) counts.mutatedPolicies++;
  // A Kyverno crash is no answer to compare with: counted and shown, never taken as Tollgate's fault.
  if (k.crashed) return crashes.push({ entry: b.entry.id, seed: b.seed, error: k.error });
  if (k.error && t.error) counts.rejectedByBoth++;
  else counts.cases += b.n;
  counts.rows += k.rows.length;
  countRows(k.rows, t.rows ?? [], policies);
  for (const d of divergences) {
    counts[d.reason ? 'intended' : 'divergences']++;
    const involved = d.resource ? resources.filter((r) => `${r.kind}/${r.metadata.name}` === d.resource) : resources;
    found.push({ entry: b.entry.id, seed: b.seed, ...d, policies, resources: involved });
  }
}

// --replay: the divergences of an earlier --report, compared again (with --fixtures: shrunk and recorded).
if (o.replay) {
  const earlier = JSON.parse(readFileSync(o.replay, 'utf8')).filter((d) => !o.only || d.entry.includes(o.only));
  for (const d of earlier) {
    const { divergences } = await differ(tools, join(work, 'replay'), d.policies, d.resources);
    const again = divergences.find((x) => signature(x) === signature(d));
    if (again) found.push({ ...d, ...again });
    counts[again?.reason ? 'intended' : again ? 'divergences' : 'cases']++;
  }
  plan.length = 0;
}

let next = 0;
await Promise.all(
  Array.from({ length: numbers.jobs }, async () => {
    while (next < plan.length) {
      const i = next++;
      await runBatch(plan[i], i);
      if (process.stderr.isTTY) process.stderr.write(`\r${counts.batches}/${plan.length} batches`);
    }
  }),
);
if (process.stderr.isTTY) process.stderr.write('\n');

const open = found.filter((d) => !d.reason);
if (o.fixtures) await writeFixtures(resolve(o.fixtures));
if (o.keep) console.log(`batches kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
report();
process.exitCode = counts.divergences > 0 ? 1 : 0;

/** Shrink the first open divergence of each kind per suite (and each intended kind once) into a fixture. */
async function writeFixtures(dir) {
  const seen = new Set();
  for (const d of found) {
    const key = d.reason ? d.reason : `${d.entry}|${signature(d)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let resources = d.resources;
    if (d.resource && resources.length === 1)
      resources = [await shrinkResource(tools, work, d.policies, resources[0], d)];
    const again = await differ(tools, join(work, 'fixture'), d.policies, resources);
    const same = again.divergences.find((x) => signature(x) === signature(d));
    if (!same) continue;
    const at = writeFixture(dir, {
      entry: d.entry,
      policies: d.policies,
      resources,
      kyverno: again.k,
      divergence: same,
    });
    console.log(`fixture: ${at}`);
  }
}

function countRows(kRows, tRows, policies) {
  const kindOf = new Map(policies.map((p) => [p.metadata?.name, p.kind]));
  const typeOf = new Map(tRows.map((r) => [`${r.policy}|${r.rule}`, r.ruleType]));
  for (const r of kRows) {
    const kind = kindOf.get(String(r.policy).split('/').pop()) ?? 'unknown';
    const cel = Object.entries(CEL_STAGES).find(([prefix]) => kind.replace(/^Namespaced/, '').startsWith(prefix));
    const type = typeOf.get(`${r.policy}|${r.rule}`) ?? cel?.[1] ?? 'unknown';
    const key = `${kind} ${type}`;
    rowsByKind[key] = (rowsByKind[key] ?? 0) + 1;
  }
}

function report() {
  const byType = {};
  for (const d of open) byType[d.type] = (byType[d.type] ?? 0) + 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `differential: seed ${seed}, ${corpus.length} suites, ${counts.batches} batches (${counts.mutatedPolicies} with mutated policies) in ${seconds} s`,
  );
  console.log(`  ${counts.cases} cases (resource × policy set), ${counts.rows} Kyverno result rows compared`);
  const kinds = Object.entries(rowsByKind).sort((a, b) => b[1] - a[1]);
  console.log(`  rows by policy kind and rule type: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(
    `  policy sets both tools rejected: ${counts.rejectedByBoth}; batches Kyverno crashed on: ${crashes.length}`,
  );
  for (const c of crashes.slice(0, 5)) console.log(`    ${c.entry} (seed ${c.seed}): ${c.error.slice(0, 160)}`);
  const reasons = {};
  for (const d of found.filter((x) => x.reason)) reasons[d.reason] = (reasons[d.reason] ?? 0) + 1;
  console.log(`  intended differences: ${counts.intended}`);
  for (const [r, n] of Object.entries(reasons)) console.log(`    ${n} × ${r}`);
  console.log(`  divergences: ${counts.divergences} ${JSON.stringify(byType)}`);
  for (const e of [...new Set(open.map((x) => x.entry))].slice(0, 40)) {
    const ds = open.filter((x) => x.entry === e);
    const d = ds[0];
    const what = `${d.type}${d.rule ? ` ${d.policy}/${d.rule}` : ''}${d.resource ? ` on ${d.resource}` : ''}`;
    console.log(
      `    ${e}: ${ds.length} (${what}: kyverno ${JSON.stringify(d.kyverno).slice(0, 160)} | tollgate ${JSON.stringify(d.tollgate).slice(0, 160)})`,
    );
  }
  if (o.report) writeFileSync(o.report, JSON.stringify(found, null, 1));
  console.log(
    JSON.stringify({
      seed,
      cases: counts.cases,
      rows: counts.rows,
      rowsByKind,
      divergences: counts.divergences,
      intended: counts.intended,
      kyvernoCrashed: crashes.length,
    }),
  );
}
