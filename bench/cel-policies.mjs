#!/usr/bin/env node
// Benchmark: the pod-security ValidatingPolicies (CEL) against 10,000 generated Pods, next to the classic
// pod-security ClusterPolicies on the same Pods, from one run, through the engine's public API (the validate stage
// of an admission-style CREATE). Prints policy evaluations per second.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, loadPolicies } from '../dist/engine/index.js';
import { readDocuments } from '../dist/files/read-documents.js';
import { policyFiles } from './policy-files.mjs';
import { generatePod } from './lib/workloads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'conformance', 'kyverno-policies');
const N = Number(process.env.BENCH_RESOURCES ?? 10000);
if (!existsSync(corpus)) {
  console.log('skipped: the conformance corpus (../shared) is not here');
  process.exit(0);
}
const levels = (dir) => ['baseline', 'restricted'].flatMap((l) => policyFiles(join(corpus, dir, l)));
const pods = Array.from({ length: N }, (_, i) => generatePod(i));
const services = { clock: { now: () => new Date('2026-01-01T00:00:00Z') } };
const options = { stages: ['validate'] };

function run(dir) {
  const { policySet } = loadPolicies(readDocuments(levels(dir)).documents);
  const t0 = performance.now();
  let results = 0;
  for (const pod of pods) {
    const admission = {
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      operation: 'CREATE',
      userInfo: { username: 'bench' },
      dryRun: false,
    };
    const request = { origin: 'admission', operation: 'CREATE', object: pod, admission };
    results += evaluate(policySet, request, services, options).results.length;
  }
  return { policies: policySet.policies.length, ms: performance.now() - t0, results };
}

// Classic: the pod-security ClusterPolicies; CEL: the same checks written as ValidatingPolicies.
const classic = run('pod-security');
const cel = run('pod-security-vpol');

const rate = (n, ms) => ((n / ms) * 1000).toFixed(0);
console.log(`${N} Pods; policies per Pod: classic ${classic.policies}, ValidatingPolicy ${cel.policies}`);
for (const [name, r] of [
  ['classic pod-security: ', classic],
  ['ValidatingPolicy (CEL):', cel],
])
  console.log(
    `${name} ${r.ms.toFixed(0)} ms, ${rate(N * r.policies, r.ms)} policy evaluations/s, ${rate(N, r.ms)} Pods/s, ${r.results} rule results`,
  );
