// Test helper: the CEL policies of cel-policies.yaml, plans made of some of them, and offline admission deps.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { QueryCache } from '../../../engine/context/query-cache.js';
import { loadCelPolicy } from '../../../engine/cel-policy/index.js';
import type { JsonObject } from '../../../engine/json.js';
import { fixedClock } from '../../../engine/ports.js';
import { parseDocuments } from '../../../engine/source/documents.js';
import type { AdmissionDeps, AdmissionPlan } from '../types.js';

/** A file of this folder as text. */
export const fixtureText = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

/** Every policy of cel-policies.yaml, loaded. */
export const celPolicies = parseDocuments(fixtureText('cel-policies.yaml'), 'cel-policies.yaml').documents.map(
  loadCelPolicy,
);

/** A plan of the named CEL policies only. */
export const celPlan = (...names: string[]): AdmissionPlan => ({
  policies: [],
  celPolicies: celPolicies.filter((p) => names.includes(p.name)),
});

/** Offline dependencies: a fixed clock, no cluster, no namespace labels. */
export const offlineDeps: AdmissionDeps = {
  env: { queries: new QueryCache(), clock: fixedClock(new Date('2025-01-01T00:00:00Z')) },
  namespaceLabels: () => undefined,
};

/** An AdmissionReview fixture, parsed. */
export const reviewFixture = (file: string) => parse(fixtureText(file)) as JsonObject;
