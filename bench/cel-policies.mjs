#!/usr/bin/env node
// Benchmark: the pod-security ValidatingPolicies (CEL) against 10,000 generated Pods, next to the classic
// pod-security ClusterPolicies on the same Pods, from one run. Prints policy evaluations per second.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDocuments } from '../dist/files/read-documents.js';
import { buildPolicySet } from '../dist/engine/policy-set.js';
import { QueryCache } from '../dist/engine/context/query-cache.js';
import { evaluateValidation } from '../dist/engine/evaluate/evaluate-policy.js';
import { loadCelPolicy, evaluateValidatingPolicy } from '../dist/engine/cel-policy/index.js';
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
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };

// Classic: the pod-security ClusterPolicies, one admission request per Pod.
const queries = new QueryCache();
const classic = buildPolicySet(readDocuments(levels('pod-security')).documents, queries).policies;
const env = { queries, clock };
let t0 = performance.now();
let classicResults = 0;
for (const pod of pods) {
  const request = { operation: 'CREATE', object: pod };
  for (const cp of classic) classicResults += evaluateValidation(cp, request, env).rules.length;
}
const classicMs = performance.now() - t0;

// CEL: the same checks written as ValidatingPolicies.
const vpols = readDocuments(levels('pod-security-vpol'))
  .documents.map((d) => loadCelPolicy(d))
  .filter((p) => p.diagnostics.length === 0);
const gvk = { group: '', version: 'v1', kind: 'Pod' };
const gvr = { group: '', version: 'v1', resource: 'pods' };
t0 = performance.now();
let celResults = 0;
for (const pod of pods) {
  const req = {
    operation: 'CREATE',
    object: pod,
    oldObject: null,
    admission: {
      ...{ kind: gvk, resource: gvr, requestKind: gvk, requestResource: gvr },
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      operation: 'CREATE',
      userInfo: { username: 'bench' },
      dryRun: false,
    },
    namespaceObject: null,
    namespaceLabels: {},
    services: { clock },
  };
  for (const p of vpols) for (const r of evaluateValidatingPolicy(p, req, [])) celResults += r.rules.length;
}
const celMs = performance.now() - t0;

const rate = (n, ms) => ((n / ms) * 1000).toFixed(0);
console.log(`${N} Pods; policies per Pod: classic ${classic.length}, ValidatingPolicy ${vpols.length}`);
console.log(
  `classic pod-security:  ${classicMs.toFixed(0)} ms, ${rate(N * classic.length, classicMs)} policy evaluations/s, ${rate(N, classicMs)} Pods/s, ${classicResults} rule results`,
);
console.log(
  `ValidatingPolicy (CEL): ${celMs.toFixed(0)} ms, ${rate(N * vpols.length, celMs)} policy evaluations/s, ${rate(N, celMs)} Pods/s, ${celResults} rule results`,
);
