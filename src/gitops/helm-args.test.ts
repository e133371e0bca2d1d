import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocuments } from '../engine/source/documents.js';
import { applicationFromDocument } from './application.js';
import { helmArgs } from './helm-args.js';

const ROOT = fileURLToPath(new URL('./testdata/argo', import.meta.url));
const CHART = join(ROOT, 'charts/web');
const temp = mkdtempSync(join(tmpdir(), 'tollgate-helm-args-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const build = (sources: string) => {
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n  destination: {namespace: dest}\n  sources:\n${sources}`;
  const app = applicationFromDocument(parseDocuments(text, 'app.yaml').documents[0]);
  return helmArgs(ROOT, app, app.sources[0], CHART, temp);
};

describe('helmArgs', () => {
  it('defaults the release name to the Application name and the namespace to the destination', () => {
    const r = build(`    - {repoURL: r, path: charts/web}\n`);
    expect(r).toMatchObject({ args: { releaseName: 'web', namespace: 'dest', valueFiles: [] } });
  });

  it('reports a missing value file at its line', () => {
    const r = build(
      `    - repoURL: r\n      path: charts/web\n      helm:\n        valueFiles:\n          - values-prod.yaml\n          - nope.yaml\n`,
    );
    expect(r).toEqual({
      errors: [{ file: 'app.yaml', line: 12, message: 'Application web: values file nope.yaml not found' }],
    });
  });

  it('drops missing value files with ignoreMissingValueFiles', () => {
    const r = build(
      `    - {repoURL: r, path: charts/web, helm: {ignoreMissingValueFiles: true, valueFiles: [nope.yaml]}}\n`,
    );
    expect(r).toMatchObject({ args: { valueFiles: [] } });
  });

  it('writes valuesObject (which wins over values) to a values file given last', () => {
    const r = build(
      `    - {repoURL: r, path: charts/web, helm: {valueFiles: [values.yaml], values: 'a: 1', valuesObject: {b: 2}}}\n`,
    );
    if (!('args' in r)) throw new Error('expected args');
    expect(r.args.valueFiles[0]).toBe(join(CHART, 'values.yaml'));
    expect(readFileSync(r.args.valueFiles[1], 'utf8')).toBe('b: 2\n');
  });

  it.each([
    [
      `    - {repoURL: https://x/repo, path: charts/web, helm: {valueFiles: [$vals/charts/web/values-prod.yaml]}}\n    - {repoURL: https://x/repo.git, ref: vals}\n`,
      'args',
    ],
    [
      `    - {repoURL: https://x/repo, path: charts/web, helm: {valueFiles: [$vals/values.yaml]}}\n    - {repoURL: https://x/other, ref: vals}\n`,
      'skip',
    ],
  ])('resolves $ref value files only from this repository %#', (sources, outcome) => {
    expect(Object.keys(build(sources))).toEqual([outcome]);
  });
});
