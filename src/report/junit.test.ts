import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CheckFinding, CheckReport } from './check-model.js';
import { renderJunit } from './junit.js';

const report = parse(readFileSync(new URL('./testdata/check-report.yaml', import.meta.url), 'utf8')) as CheckReport;

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Case[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: true,
  // Character references such as &#10; are plain XML, not HTML, but this parser decodes them only with this flag.
  htmlEntities: true,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function suitesOf(r: CheckReport): { root: Record<string, string>; suites: Suite[] } {
  const xml = renderJunit(r);
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml).testsuites;
  return { root: doc, suites: doc.testsuite };
}

const { root, suites } = suitesOf(report);
const suite = (name: string) => suites.find((s) => s['@_name'] === name) as Suite;

describe('renderJunit', () => {
  it('has one test suite per file, in order', () => {
    expect(suites.map((s) => s['@_name'])).toEqual([
      'apps/broken.yaml',
      'apps/db/statefulset.yaml',
      'apps/legacy',
      'apps/web/deployment.yaml',
      'apps/web/service.yaml',
      'cluster/namespace.yaml',
      'policies/cel.yaml:2',
    ]);
  });

  it('counts tests, failures, errors and skips overall', () => {
    expect([root['@_tests'], root['@_failures'], root['@_errors'], root['@_skipped']]).toEqual(['10', '3', '2', '3']);
  });

  it.each([
    ['apps/web/deployment.yaml', ['3', '2', '0', '0']],
    ['apps/web/service.yaml', ['2', '0', '0', '1']],
    ['apps/db/statefulset.yaml', ['1', '0', '1', '0']],
    ['apps/broken.yaml', ['1', '0', '1', '0']],
    ['apps/legacy', ['1', '0', '0', '1']],
  ])('counts the suite %s', (name, counts) => {
    const s = suite(name);
    expect([s['@_tests'], s['@_failures'], s['@_errors'], s['@_skipped']]).toEqual(counts);
  });

  it('names test cases policy/rule Kind namespace/name, by line, with the file as classname', () => {
    const cases = suite('apps/web/deployment.yaml').testcase;
    expect(cases.map((c) => c['@_name'])).toEqual([
      'require-labels/check-team Deployment prod/web',
      'require-probes/readiness Deployment prod/web',
      'disallow-latest-tag/validate-image-tag Deployment prod/web',
    ]);
    expect(new Set(cases.map((c) => c['@_classname']))).toEqual(new Set(['apps/web/deployment.yaml']));
    expect(suite('cluster/namespace.yaml').testcase[0]['@_name']).toBe('require-labels/check-team Namespace prod');
  });

  it.each([
    ['a failure', 'apps/web/deployment.yaml', 0, 'failure'],
    ['an error', 'apps/db/statefulset.yaml', 0, 'error'],
    ['a skip', 'apps/web/service.yaml', 0, 'skipped'],
    ['a load error', 'apps/broken.yaml', 0, 'error'],
    ['a skipped path', 'apps/legacy', 0, 'skipped'],
  ])('marks %s', (_name, file, index, tag) => {
    const c = suite(file).testcase[index];
    expect(Object.keys(c).filter((k) => !k.startsWith('@_'))).toEqual([tag]);
  });

  it('puts the message and file:line in the failure body', () => {
    const failure = suite('apps/web/deployment.yaml').testcase[0].failure;
    expect(failure?.['@_message']).toBe(report.results[1].message);
    expect(failure?.['@_type']).toBe('Enforce');
    expect(failure?.['#text']).toBe(`${report.results[1].message}\napps/web/deployment.yaml:6:3`);
  });

  it('lets warnings pass, with the warning in system-out', () => {
    const c = suite('apps/web/service.yaml').testcase[1];
    expect(c.failure).toBeUndefined();
    expect(c['system-out']).toEqual({
      '#text': 'warning: Services of type NodePort are not allowed.\napps/web/service.yaml:1',
    });
  });

  it('escapes markup, quotes, line breaks and invalid characters', () => {
    const message = `<b> & "q" 'a' \u0001\nnext`;
    const f: CheckFinding = {
      ...report.results[1],
      file: 'a&b.yaml',
      policy: 'p<1>',
      message,
    };
    const {
      suites: [s],
    } = suitesOf({ ...report, results: [f], errors: [], skipped: [] });
    expect(s['@_name']).toBe('a&b.yaml');
    expect(s.testcase[0]['@_name']).toBe('p<1>/check-team Deployment prod/web');
    expect(s.testcase[0].failure?.['@_message']).toBe(`<b> & "q" 'a' \uFFFD\nnext`);
    expect(s.testcase[0].failure?.['#text']).toBe(`<b> & "q" 'a' \uFFFD\nnext\na&b.yaml:6:3`);
  });
});
