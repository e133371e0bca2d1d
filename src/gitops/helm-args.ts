// Argo CD's `spec.source.helm` settings → `helm template` arguments (values written to a temporary file).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { isObject, type JsonObject } from '../engine/index.js';
import { existingInsideRepo, resolveInsideRepo } from './repo-paths.js';
import { normalizeRepoURL } from './repo-urls.js';
import type { ApplicationModel, ApplicationSource, HelmArgs, RepositoryError } from './types.js';

/** The helm arguments, or the errors that prevent rendering (missing value files …). */
export type HelmArgsResult =
  { readonly args: HelmArgs } | { readonly errors: RepositoryError[] } | { readonly skip: string };

/** Build the arguments for a chart in `chartDir`; inline values are written into `tempDir`. */
export function helmArgs(
  root: string,
  app: ApplicationModel,
  source: ApplicationSource,
  chartDir: string,
  tempDir: string,
): HelmArgsResult {
  const h = source.helm ?? {};
  const external = strings(h, 'valueFiles').find((f) => refSource(app, source, f) === 'external');
  if (external) return { skip: `values file ${external} comes from a source outside this repository` };
  const errors: RepositoryError[] = [];
  const valueFiles = strings(h, 'valueFiles').flatMap((f, i) => {
    const abs = resolveValueFile(root, chartDir, f);
    if (!abs && h.ignoreMissingValueFiles !== true)
      errors.push(errorAt(app, [...source.fieldPath, 'helm', 'valueFiles', i], f));
    return abs ? [abs] : [];
  });
  if (errors.length > 0) return { errors };
  const inline = inlineValues(h);
  if (inline !== undefined) {
    // Argo CD passes values/valuesObject after the value files, so they win.
    valueFiles.push(join(tempDir, 'values.yaml'));
    writeFileSync(valueFiles[valueFiles.length - 1], inline);
  }
  return { args: argsFrom(h, app, chartDir, valueFiles) };
}

function argsFrom(h: JsonObject, app: ApplicationModel, chartDir: string, valueFiles: string[]): HelmArgs {
  const params = Array.isArray(h.parameters) ? h.parameters.filter(isObject) : [];
  const assignment = (p: JsonObject) => `${String(p.name)}=${String(p.value ?? '')}`;
  return {
    releaseName: str(h.releaseName) ?? app.name,
    chartDir,
    namespace: str(h.namespace) ?? app.destinationNamespace,
    valueFiles,
    set: params.filter((p) => p.forceString !== true).map(assignment),
    setString: params.filter((p) => p.forceString === true).map(assignment),
    setFile: fileParameters(h, chartDir),
    skipCrds: h.skipCrds === true,
    kubeVersion: str(h.kubeVersion),
    apiVersions: strings(h, 'apiVersions'),
  };
}

function strings(h: JsonObject, key: string): string[] {
  const v = h[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

// Argo CD: valuesObject wins over values; both are plain YAML given to helm as one more values file.
function inlineValues(h: JsonObject): string | undefined {
  if (isObject(h.valuesObject)) return stringify(h.valuesObject);
  if (typeof h.values === 'string' && h.values.trim() !== '') return h.values;
  if (isObject(h.values)) return stringify(h.values);
  return undefined;
}

const REF_FILE = /^\$([^/]+)\/(.*)$/;

// A `$ref/…` value file names the source with that `ref`; only this repository's files can be read.
function refSource(app: ApplicationModel, chart: ApplicationSource, f: string): 'local' | 'external' | undefined {
  const m = REF_FILE.exec(f);
  if (!m) return undefined;
  const ref = app.sources.find((s) => s.ref === m[1]);
  return ref && normalizeRepoURL(ref.repoURL) === normalizeRepoURL(chart.repoURL) ? 'local' : 'external';
}

// Value files are relative to the chart; `$ref/…` ones are relative to the repository root.
function resolveValueFile(root: string, chartDir: string, f: string): string | undefined {
  const m = REF_FILE.exec(f);
  if (m) return resolveInsideRepo(root, m[2]);
  return existingInsideRepo(root, resolve(chartDir, f));
}

function fileParameters(h: JsonObject, chartDir: string): string[] {
  const ps = Array.isArray(h.fileParameters) ? h.fileParameters.filter(isObject) : [];
  return ps.map((p) => `${String(p.name)}=${resolve(chartDir, String(p.path ?? ''))}`);
}

function errorAt(app: ApplicationModel, path: (string | number)[], f: string): RepositoryError {
  const at = app.locate(path);
  return { file: at.file, line: at.line, message: `Application ${app.name}: values file ${f} not found` };
}
