import { describe, expect, it } from 'vitest';
import { byLocation, problemLevel, repoUri, resourceLabel, splitPathLine } from './check-finding.js';
import { finding } from './testdata/findings.js';

describe('check findings', () => {
  it.each([
    ['fail', 'Enforce', 'error'],
    ['error', 'Enforce', 'error'],
    ['warn', 'Enforce', 'warning'],
    ['fail', 'Audit', 'warning'],
    ['error', 'Audit', 'warning'],
  ] as const)('reports a %s of an %s rule as %s', (result, action, level) => {
    expect(problemLevel(finding({ result, action }))).toBe(level);
  });

  it.each([
    ['', 'Namespace team'],
    ['prod', 'Namespace prod/team'],
  ])('labels a resource in namespace %j as %s', (namespace, label) => {
    expect(resourceLabel({ apiVersion: 'v1', kind: 'Namespace', namespace, name: 'team' })).toBe(label);
  });

  it.each([
    ['apps/a.yaml', 'apps/a.yaml'],
    ['.\\apps\\a.yaml', 'apps/a.yaml'],
    ['a b/ü?.yaml', 'a%20b/%C3%BC%3F.yaml'],
  ])('turns %j into the URI %s', (path, uri) => {
    expect(repoUri(path)).toBe(uri);
  });

  it.each([
    ['p.yaml:12', { file: 'p.yaml', line: 12 }],
    ['apps/legacy', { file: 'apps/legacy' }],
    ['c:/x.yaml', { file: 'c:/x.yaml' }],
  ])('splits %j', (path, parts) => {
    expect(splitPathLine(path)).toEqual(parts);
  });

  it('orders by file, line, column, then rule', () => {
    const fs = [
      finding({ file: 'b.yaml' }),
      finding({ line: 9 }),
      finding({ line: 2, column: 5 }),
      finding({ line: 2, column: 5, rule: 'a' }),
      finding({ line: 2 }),
    ];
    const order = [...fs].sort(byLocation).map((f) => `${f.file}:${f.line}:${f.column ?? 0}:${f.rule}`);
    expect(order).toEqual(['a.yaml:2:0:r', 'a.yaml:2:5:a', 'a.yaml:2:5:r', 'a.yaml:9:0:r', 'b.yaml:1:0:r']);
  });
});
