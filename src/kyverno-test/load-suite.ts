// I/O edge of `tollgate test`: find kyverno-test.yaml files and read everything a suite names.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isObject, type JsonObject } from '../engine/json.js';
import { withDefaultNamespace } from '../engine/kube/scope.js';
import { buildPolicySet, unsupportedFeature } from '../engine/policy-set.js';
import type { QueryCache } from '../engine/context/query-cache.js';
import type { SourceDocument } from '../engine/source/documents.js';
import { readDocuments, readOneFile } from '../files/read-documents.js';
import { decodeTest, type TestSpec } from './test-file.js';
import { compileException, type CompiledException } from '../engine/exceptions/exception.js';
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

/** Read what a Test names; throws an Error with a one-line, actionable message. */
export function loadSuite(file: string, test: TestSpec, queries: QueryCache): LoadedSuite {
  const dir = dirname(file);
  const rel = (p: string) => resolve(dir, p);
  const set = buildPolicySet(readAll(test.policies.map(rel), 'policy'), queries);
  for (const cp of set.policies) {
    const why = unsupportedFeature(cp);
    if (why) throw new Error(`policy ${cp.policy.key}: ${why}`);
  }
  if (set.policies.length === 0 && set.celPolicies.length === 0)
    throw new Error(`no Kyverno policies found in ${test.policies.join(', ')}`);
  const resources = dedupe(
    buildPolicySet(readAll(test.resources.map(rel), 'resource'), queries).resources.map((d) =>
      withDefaultNamespace(d.value as JsonObject),
    ),
  );
  const expectedResources = loadExpected(test, rel, queries);
  const targets = readObjects(test.targetResources, rel, queries, 'target resource');
  const params = readObjects(test.paramResources, rel, queries, 'param resource');
  const clusterObjects = readObjects(test.clusterResources, rel, queries, 'cluster resource');
  const exceptionSet = buildPolicySet(readAll(test.exceptions.map(rel), 'exception'), queries);
  const values = loadValues(test, rel);
  const user = test.userinfo ? loadUser(rel(test.userinfo)) : undefined;
  const cel = set.celPolicies.length
    ? loadCelSuite({
        policyDocs: set.celPolicies,
        exceptionDocs: exceptionSet.celExceptions,
        contextDoc: test.context ? readAll([rel(test.context)], 'context file')[0]?.value : undefined,
        apiCallResponses: test.apiCallResponses,
        globalContextEntries: test.globalContextEntries,
        readResourceFiles: (paths) => readAll(paths.map(rel), 'global context resource').map((d) => d.value),
        values,
        userInfo: user?.userInfo,
        testObjects: [...resources, ...targets, ...params],
        clusterObjects,
      })
    : undefined;
  return {
    file,
    test,
    policies: set.policies,
    resources,
    values,
    user,
    expectedResources,
    exceptions: compileExceptions(exceptionSet.exceptions),
    targets,
    cluster: loadCluster(test, expectedResources, [...targets, ...params], clusterObjects),
    cel,
  };
}

function readObjects(paths: readonly string[], rel: (p: string) => string, queries: QueryCache, what: string) {
  if (paths.length === 0) return [];
  const docs = buildPolicySet(readAll(paths.map(rel), what), queries).resources;
  return docs.map((d) => withDefaultNamespace(d.value as JsonObject));
}

function loadExpected(test: TestSpec, rel: (p: string) => string, queries: QueryCache): Map<string, JsonObject[]> {
  const paths = new Set(
    test.results
      .flatMap((r) => [r.patchedResources, r.generatedResource, ...(r.generatedResources ?? []), r.cloneSourceResource])
      .filter((p): p is string => !!p),
  );
  const out = new Map<string, JsonObject[]>();
  for (const p of paths)
    out.set(
      p,
      buildPolicySet(readAll([rel(p)], 'expected resource'), queries).resources.map((d) =>
        withDefaultNamespace(d.value as JsonObject),
      ),
    );
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

function compileExceptions(docs: readonly SourceDocument[]): CompiledException[] {
  return docs.map((d) => {
    const { exception, problems } = compileException(d.value as JsonObject, d);
    if (!exception) throw new Error(`${d.file}:${d.locate(problems[0].path).line}: ${problems[0].message}`);
    return exception;
  });
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
