import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderCheckJson } from './check-json.js';
import type { CheckReport } from './check-model.js';

const report = parse(readFileSync(new URL('./testdata/check-report.yaml', import.meta.url), 'utf8')) as CheckReport;
const doc = JSON.parse(renderCheckJson(report));

describe('renderCheckJson', () => {
  it('keeps every finding, passes and skips included, in report order', () => {
    expect(doc.results.map((r: { result: string }) => r.result)).toEqual(report.results.map((r) => r.result));
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('gives finding %i the required fields', (i) => {
    const f = report.results[i];
    expect(doc.results[i]).toMatchObject({
      file: f.file,
      line: f.line,
      policy: f.policy,
      rule: f.rule,
      resource: f.resource,
      result: f.result,
      action: f.action,
      message: f.message,
    });
  });

  it.each([
    ['column', 0, 11],
    ['field', 0, 'spec.template.spec.containers[0]'],
    ['severity', 1, 'high'],
    ['category', 1, 'Multi-Tenancy'],
    ['change', 1, 'new'],
  ])('adds the optional %s when known', (key, i, value) => {
    expect(doc.results[i][key]).toEqual(value);
  });

  it('leaves unknown optional fields out', () => {
    expect(Object.keys(doc.results[3])).toEqual([
      'file',
      'line',
      'policy',
      'rule',
      'resource',
      'result',
      'action',
      'message',
    ]);
  });

  it('keeps an empty namespace for cluster-scoped resources', () => {
    expect(doc.results[6].resource).toEqual({ apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'prod' });
  });

  it('carries load errors, skipped paths and the summary', () => {
    expect(doc.errors).toEqual([{ file: 'apps/broken.yaml', line: 4, message: 'bad indentation of a mapping entry' }]);
    expect(doc.skipped).toEqual(report.skipped);
    expect(doc.summary).toEqual(report.summary);
    expect(Object.keys(doc)).toEqual(['results', 'errors', 'skipped', 'summary']);
  });

  it('is one JSON document ending in a newline', () => {
    expect(renderCheckJson(report).endsWith('}\n')).toBe(true);
  });
});
