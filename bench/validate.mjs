#!/usr/bin/env node
// Benchmark: compiled evaluation of the pod-security policies against 10,000 generated Pods/Deployments.
// Prints resources×rules per second and the YAML parse time of the same resources, from one run.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { parseDocuments } from '../dist/engine/source/documents.js';
import { readDocuments } from '../dist/files/read-documents.js';
import { buildPolicySet } from '../dist/engine/policy-set.js';
import { QueryCache } from '../dist/engine/context/query-cache.js';
import { evaluateValidation } from '../dist/engine/evaluate/evaluate-policy.js';
import { policyFiles } from './policy-files.mjs';
import { generateWorkload as generate } from './lib/workloads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
const N = Number(process.env.BENCH_RESOURCES ?? 10000);

const policyDocs = readDocuments(policyFiles(corpus)).documents;
const queries = new QueryCache();
const set = buildPolicySet(policyDocs, queries);
const policies = set.policies.filter((p) => p.diagnostics.length === 0);
const text = Array.from({ length: N }, (_, i) => stringify(generate(i))).join('---\n');

let t0 = performance.now();
const parsed = parseDocuments(text, 'generated.yaml');
const parseMs = performance.now() - t0;

const env = { queries, clock: { now: () => new Date('2026-01-01T00:00:00Z') } };
let pairs = 0;
let results = 0;
t0 = performance.now();
for (const doc of parsed.documents) {
  const request = { operation: 'CREATE', object: doc.value }; // one admission request, every policy
  for (const cp of policies) {
    pairs += cp.rulesForKind(doc.value.kind).length;
    results += evaluateValidation(cp, request, env).rules.length;
  }
}
const evalMs = performance.now() - t0;

console.log(
  `policies: ${policies.length} (${policies.reduce((n, p) => n + p.rules.length, 0)} rules incl. autogen), resources: ${parsed.documents.length}`,
);
console.log(
  `YAML parse: ${parseMs.toFixed(0)} ms (${((parsed.documents.length / parseMs) * 1000).toFixed(0)} resources/s)`,
);
console.log(`evaluation: ${evalMs.toFixed(0)} ms, ${pairs} resource×rule candidates, ${results} rule results`);
console.log(
  `throughput: ${((pairs / evalMs) * 1000).toFixed(0)} resources×rules/s, ${((parsed.documents.length / evalMs) * 1000).toFixed(0)} resources/s (all policies)`,
);
