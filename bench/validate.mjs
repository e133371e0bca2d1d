#!/usr/bin/env node
// Benchmark: the validate stage of the engine's pipeline for the pod-security policies against 10,000 generated
// Pods/Deployments (one admission-style CREATE each), through the engine's public API. Prints the YAML parse time
// of the same resources and the evaluation throughput, from one run.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { evaluate, loadPolicies, parseDocuments } from '../dist/engine/index.js';
import { readDocuments } from '../dist/files/read-documents.js';
import { policyFiles } from './policy-files.mjs';
import { generateWorkload as generate } from './lib/workloads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'conformance', 'kyverno-policies', 'pod-security');
const N = Number(process.env.BENCH_RESOURCES ?? 10000);

const { policySet } = loadPolicies(readDocuments(policyFiles(corpus)).documents);
const text = Array.from({ length: N }, (_, i) => stringify(generate(i))).join('---\n');

let t0 = performance.now();
const parsed = parseDocuments(text, 'generated.yaml');
const parseMs = performance.now() - t0;

const services = { clock: { now: () => new Date('2026-01-01T00:00:00Z') } };
const options = { stages: ['validate'] };
let results = 0;
t0 = performance.now();
for (const doc of parsed.documents) {
  const request = { origin: 'admission', operation: 'CREATE', object: doc.value }; // every policy, one request
  results += evaluate(policySet, request, services, options).results.length;
}
const evalMs = performance.now() - t0;

const rate = (n, ms) => ((n / ms) * 1000).toFixed(0);
console.log(`policies: ${policySet.policies.length}, resources: ${parsed.documents.length}`);
console.log(`YAML parse: ${parseMs.toFixed(0)} ms (${rate(parsed.documents.length, parseMs)} resources/s)`);
console.log(
  `evaluation: ${evalMs.toFixed(0)} ms, ${results} rule results, ${rate(results, evalMs)} rule results/s, ${rate(parsed.documents.length, evalMs)} resources/s (all policies)`,
);
