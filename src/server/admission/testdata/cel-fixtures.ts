// Test helper: policy sets made of some policies of a fixture file, and offline admission deps.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fixedClock, loadPolicies, parseDocuments, type JsonObject, type PolicySet } from '../../../engine/index.js';
import type { AdmissionDeps } from '../types.js';

/** A file of this folder as text. */
export const fixtureText = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** Every document of a fixture file. */
const documentsOf = (file: string) => parseDocuments(fixtureText(file), file).documents;

/** Load the named policies of a fixture file in the order named (every one when no names are given). */
export function policySetOf(file: string, ...names: string[]): PolicySet {
  const docs = documentsOf(file);
  const nameOf = (d: (typeof docs)[number]) => (d.value as { metadata?: { name?: string } }).metadata?.name ?? '';
  const named = names.length ? names.flatMap((n) => docs.filter((d) => nameOf(d) === n)) : docs;
  const loaded = loadPolicies(named);
  if (loaded.diagnostics.length > 0) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.policySet;
}

/** Diagnostics of every policy of cel-policies.yaml. */
export const celPolicyDiagnostics = () => loadPolicies(documentsOf('cel-policies.yaml')).diagnostics;

/** A set of the named CEL policies only. */
export const celPlan = (...names: string[]): PolicySet => policySetOf('cel-policies.yaml', ...names);

/** A Namespace object with the default label Kubernetes gives it. */
export const namespaceNamed = (name: string): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
});

/** Offline dependencies: a fixed clock, no cluster, no namespaces. */
export const offlineDeps: AdmissionDeps = {
  services: { clock: fixedClock(new Date('2025-01-01T00:00:00Z')) },
};

/** An AdmissionReview fixture, parsed. */
export const reviewFixture = (file: string) => parse(fixtureText(file)) as JsonObject;
