// Shared test data for the report summary: fixture documents by file name.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../../../engine/json.js';

/** Every document of testdata/<name>. */
export function loadDocs(name: string): JsonObject[] {
  const text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS() as JsonObject);
}

/** The four fixture reports: two PolicyReports, a ClusterPolicyReport and an OpenReports Report. */
export function loadReports(): JsonObject[] {
  return ['reports/namespaced.yaml', 'reports/cluster.yaml', 'reports/openreports.yaml'].flatMap(loadDocs);
}

/** Absolute path of testdata/<name>. */
export function fixturePath(name: string): string {
  return new URL(`./${name}`, import.meta.url).pathname;
}
