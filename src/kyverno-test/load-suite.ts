// I/O edge of `tollgate test`: find kyverno-test.yaml files and read everything a suite names.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  isObject,
  loadPolicies,
  renderDiagnostic,
  resourceDocuments,
  UNKNOWN_POLICY,
  withDefaultNamespace,
  withEmptyNullMaps,
  type CompileCache,
  type JsonObject,
  type LoadedPolicies,
  type SourceDocument,
} from '../engine/index.js';
import { readDocuments, readOneFile } from '../files/read-documents.js';
import { decodeTest, type TestSpec } from './test-file.js';
import { MemoryCluster } from '../cluster/memory-store.js';
import { decodeValues, type ValuesSpec } from './values-file.js';
import type { LoadedSuite } from './suite.js';
import { loadCelSuite } from './cel/load-cel.js';

/** A Test document found on disk, or the error that kept it from loading. */
export interface FoundTest {
  readonly file: string;
  readonly test?: TestSpec;
  readonly error?: string;
}

/** Every `kyverno-test.yaml` below the given paths (a file path is taken as is). */
export function findTestFiles(
  paths: readonly string[],
  fileName = 'kyverno-test.yaml',
): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  const walk = (p: string, seen: Set<string>) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      errors.push(`${p}: no such file or directory`);
      return;
    }
    if (st.isFile()) return void files.push(p);
    if (!st.isDirectory() || seen.has(resolve(p))) return;
    seen.add(resolve(p));
    for (const e of readdirSync(p).sort()) {
      const full = join(p, e);
      if (e === fileName) files.push(full);
      else if (safeIsDir(full)) walk(full, seen);
    }
  };
  for (const p of paths) walk(p, new Set());
  return { files, errors };
}

function safeIsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Read the Test documents of one file. */
export function readTests(file: string): FoundTest[] {
  const parsed = readOneFile(file);
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    return [{ file, error: `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}` }];
  }
  if (parsed.documents.length === 0) return [{ file, error: `${file}: empty test file` }];
  return parsed.documents.map((d) => {
    try {
      return { file, test: decodeTest(d.value) };
    } catch (e) {
      return { file, error: `${file}:${d.pos.line}: ${(e as Error).message}` };
    }
  });
}

/** Read what a Test names and compile its policies; throws an Error with a one-line, actionable message. */
export function loadSuite(file: string, test: TestSpec, cache: CompileCache): LoadedSuite {
  const dir = dirname(file);
  const rel = (p: string) => resolve(dir, p);
  // Kyverno CLI: exceptions come from the test's `exceptions` files only.
  const loaded = loadPolicies(readAll(test.policies.map(rel), 'policy'), {
    exceptions: readAll(test.exceptions.map(rel), 'exception'),
    cache,
  });
  checkLoaded(loaded, test);
  const resources = dedupe(readObjects(test.resources, rel, 'resource'));
  const expectedResources = loadExpected(test, rel);
  const targets = readObjects(test.targetResources, rel, 'target resource');
  const params = readObjects(test.paramResources, rel, 'param resource');
  const clusterObjects = readObjects(test.clusterResources, rel, 'cluster resource');
  const values = loadValues(test, rel);
  const user = test.userinfo ? loadUser(rel(test.userinfo)) : undefined;
  const cel = loaded.policySet.policies.some((p) => p.family === 'cel')
    ? loadCelSuite({
        contextDoc: test.context ? readAll([rel(test.context)], 'context file')[0]?.value : undefined,
        apiCallResponses: test.apiCallResponses,
        globalContextEntries: test.globalContextEntries,
        readResourceFiles: (paths) => readAll(paths.map(rel), 'global context resource').map((d) => d.value),
        values,
        testObjects: [...resources, ...targets, ...params],
        clusterObjects,
      })
    : undefined;
  return {
    file,
    test,
    policySet: loaded.policySet,
    rejected: loaded.rejected.filter((r) => r.family === 'classic' && r.role === 'policy'),
    resources,
    values,
    user,
    expectedResources,
    targets,
    cluster: loadCluster(test, expectedResources, [...targets, ...params], clusterObjects),
    cel,
  };
}

// Kyverno CLI: an invalid classic policy only turns its rows into `Invalid Policy`; anything else that does not
// load — a rule kind Tollgate does not evaluate, a CEL compile error, a broken exception — stops the suite.
function checkLoaded(loaded: LoadedPolicies, test: TestSpec): void {
  const setAside = loaded.notes.find((n) => n.code !== UNKNOWN_POLICY);
  const rejectedPolicies = loaded.rejected.filter((r) => r.role === 'policy');
  if (loaded.policySet.policies.length === 0 && rejectedPolicies.length === 0 && !setAside)
    throw new Error(`no Kyverno policies found in ${test.policies.join(', ')}`);
  if (setAside) throw new Error(renderDiagnostic(setAside));
  for (const r of loaded.rejected) {
    const why = r.diagnostics.map(renderDiagnostic).join('; ');
    if (r.role === 'policy' && r.family === 'cel') throw new Error(`failed to compile policy ${r.name} (${why})`);
    if (r.role === 'exception' && r.family === 'cel') throw new Error(`failed to load exception ${r.name} (${why})`);
    if (r.role === 'exception') throw new Error(renderDiagnostic(r.diagnostics[0]));
  }
}

function readObjects(paths: readonly string[], rel: (p: string) => string, what: string): JsonObject[] {
  if (paths.length === 0) return [];
  return resourceDocuments(readAll(paths.map(rel), what)).map((d) =>
    withEmptyNullMaps(withDefaultNamespace(d.value as JsonObject)),
  );
}

function loadExpected(test: TestSpec, rel: (p: string) => string): Map<string, JsonObject[]> {
  const paths = new Set(
    test.results
      .flatMap((r) => [r.patchedResources, r.generatedResource, ...(r.generatedResources ?? []), r.cloneSourceResource])
      .filter((p): p is string => !!p),
  );
  const out = new Map<string, JsonObject[]>();
  for (const p of paths) out.set(p, readObjects([p], rel, 'expected resource'));
  return out;
}

// Kyverno CLI: clusterResources, targets, params and clone sources are what the offline "cluster" holds.
function loadCluster(
  test: TestSpec,
  expected: Map<string, JsonObject[]>,
  preloaded: JsonObject[],
  clusterObjects: JsonObject[],
): MemoryCluster {
  const cluster = new MemoryCluster(preloaded);
  for (const obj of clusterObjects) cluster.add(obj);
  for (const r of test.results)
    if (r.cloneSourceResource) for (const obj of expected.get(r.cloneSourceResource) ?? []) cluster.add(obj);
  return cluster;
}

function readAll(paths: string[], what: string): SourceDocument[] {
  const r = readDocuments(paths);
  if (r.errors.length > 0) {
    const e = r.errors[0];
    throw new Error(`${what} ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return r.documents;
}

function loadValues(test: TestSpec, rel: (p: string) => string): ValuesSpec | undefined {
  if (test.values) return decodeValues(test.values, true);
  if (!test.variables) return undefined;
  const docs = readAll([rel(test.variables)], 'values file');
  try {
    return decodeValues(docs[0]?.value ?? {});
  } catch (e) {
    throw new Error(`${rel(test.variables)}: ${(e as Error).message}`);
  }
}

function loadUser(file: string): LoadedSuite['user'] {
  const doc = readAll([file], 'userinfo file')[0]?.value;
  if (!isObject(doc) || doc.apiVersion !== 'cli.kyverno.io/v1alpha1' || doc.kind !== 'UserInfo')
    throw new Error(`${file}: userinfo file needs apiVersion cli.kyverno.io/v1alpha1 and kind UserInfo`);
  const info = isObject(doc.userInfo) ? doc.userInfo : {};
  const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    username: String(info.username ?? ''),
    groups: strs(info.groups),
    roles: strs(doc.roles),
    clusterRoles: strs(doc.clusterRoles),
    userInfo: info,
  };
}

function dedupe(resources: JsonObject[]): JsonObject[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const md = isObject(r.metadata) ? r.metadata : {};
    const group = String(r.apiVersion ?? '').includes('/') ? String(r.apiVersion).split('/')[0] : '';
    const key = `${group}/${String(r.kind)}/${String(md.namespace ?? '')}/${String(md.name ?? '')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
