import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CheckFinding, CheckReport } from './check-model.js';
import { fingerprint, FINGERPRINT_KEY, renderSarif } from './sarif.js';
import { finding as baseFinding } from './testdata/findings.js';

const report = parse(readFileSync(new URL('./testdata/check-report.yaml', import.meta.url), 'utf8')) as CheckReport;

// The schema file declares draft-04, but uses nothing that differs from draft-07 (no boolean exclusiveMinimum);
// Ajv 8 ships no draft-04 meta-schema, so `$schema` is dropped, the draft-04 `id` renamed `$id`, and it is compiled
// as draft-07; its `language` pattern is not valid with the `u` flag, hence unicodeRegExp: false.
const schemaUrl = new URL(
  '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  import.meta.url,
);
const { $schema: _draft04, id, ...rest } = JSON.parse(readFileSync(schemaUrl, 'utf8'));
const schema = { $id: id, ...rest };
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validate = addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })).compile(schema);

function sarif(r: CheckReport, informationUri?: string) {
  const log = JSON.parse(renderSarif(r, { toolVersion: '1.2.3', informationUri }));
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return log;
}

const finding = (over: Partial<CheckFinding>): CheckFinding =>
  baseFinding({
    line: 3,
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'x' },
    ...over,
  });

function only(results: CheckFinding[]): CheckReport {
  return { results, errors: [], skipped: [], summary: report.summary };
}

const log = sarif(report, 'https://example.com/tollgate');
const run = log.runs[0];

describe('renderSarif', () => {
  it('is a SARIF 2.1.0 log with one tollgate run', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'tollgate',
      version: '1.2.3',
      informationUri: 'https://example.com/tollgate',
    });
  });

  it('describes each distinct policy/rule pair once, sorted', () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'check-image/verify-registry',
      'disallow-latest-tag/validate-image-tag',
      'require-labels/check-team',
      'require-probes/readiness',
      'restrict-nodeport/validate-nodeport',
    ]);
  });

  it.each([
    ['require-labels/check-team', 'error', { category: 'Multi-Tenancy', severity: 'high' }, 'blocks the Argo CD sync'],
    ['require-probes/readiness', 'warning', { category: 'Best Practices', severity: 'medium' }, 'do not block'],
    ['restrict-nodeport/validate-nodeport', 'warning', {}, 'do not block'],
  ])('describes the rule %s', (id, level, properties, help) => {
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === id);
    expect(rule.defaultConfiguration.level).toBe(level);
    expect(rule.properties).toMatchObject(properties);
    expect(rule.help.text).toContain(help);
    expect(rule.shortDescription.text).toBeTruthy();
  });

  it('reports fail, warn and error findings only, by file and line, pointing at their rule', () => {
    const rules = run.tool.driver.rules;
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'check-image/verify-registry',
      'require-labels/check-team',
      'require-probes/readiness',
      'restrict-nodeport/validate-nodeport',
      'require-labels/check-team',
    ]);
    for (const r of run.results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it.each([
    ['an Enforce failure', finding({}), 'error'],
    ['an Audit failure', finding({ action: 'Audit' }), 'warning'],
    ['a warn result', finding({ result: 'warn' }), 'warning'],
    ['an Enforce rule error', finding({ result: 'error' }), 'error'],
    ['an Audit rule error', finding({ result: 'error', action: 'Audit' }), 'warning'],
  ])('gives %s the level %s', (_name, f, level) => {
    expect(sarif(only([f])).runs[0].results[0].level).toBe(level);
  });

  it('locates a result repository-relative with line and column', () => {
    const r = run.results[1];
    expect(r.message.text).toBe(`Deployment prod/web: ${report.results[1].message}`);
    expect(r.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'apps/web/deployment.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 3 },
        },
      },
    ]);
    expect(r.baselineState).toBe('new');
  });

  it.each([
    ['backslashes', 'apps\\web\\a.yaml', 'apps/web/a.yaml'],
    ['a leading ./', './apps/a.yaml', 'apps/a.yaml'],
    ['spaces and #', 'my apps/a #1.yaml', 'my%20apps/a%20%231.yaml'],
    ['a colon', 'c:d/a.yaml', 'c%3Ad/a.yaml'],
  ])('writes a URI for a path with %s', (_name, file, uri) => {
    const result = sarif(only([finding({ file })])).runs[0].results[0];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(uri);
  });

  it('points a result with an unknown line at line 1, since GitHub needs a region', () => {
    const result = sarif(only([finding({ line: 0 })])).runs[0].results[0];
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 1 });
  });

  it('meets what GitHub code scanning needs beyond the schema', () => {
    for (const r of run.results) {
      expect(r.ruleId).toBeTruthy();
      expect(r.message.text).toBeTruthy();
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBeTruthy();
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.keys(r.partialFingerprints)).not.toContain('primaryLocationLineHash');
    }
  });

  it('has a schema check that can fail', () => {
    expect(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ level: 'fatal' }] }] }),
    ).toBe(false);
  });

  it.each([
    ['a moved line', { line: 40, column: 7 }, true],
    ['a moved file', { file: 'b.yaml' }, true],
    [
      'a new API version',
      { resource: { apiVersion: 'apps/v1beta2', kind: 'Deployment', namespace: 'ns', name: 'x' } },
      true,
    ],
    ['another message', { message: 'other' }, true],
    ['another rule', { rule: 'r2' }, false],
    ['another policy', { policy: 'p2' }, false],
    ['another name', { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ns', name: 'y' } }, false],
    [
      'another namespace',
      { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'n2', name: 'x' } },
      false,
    ],
    ['another kind', { resource: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'ns', name: 'x' } }, false],
  ])('keeps the fingerprint across %s: %s', (_name, change, same) => {
    expect(fingerprint(finding(change)) === fingerprint(finding({}))).toBe(same);
  });

  it('puts the fingerprint in partialFingerprints', () => {
    const f = report.results[1];
    expect(run.results[1].partialFingerprints).toEqual({ [FINGERPRINT_KEY]: fingerprint(f) });
  });

  it('turns load errors and skipped paths into execution notifications', () => {
    const [invocation] = run.invocations;
    expect(invocation.executionSuccessful).toBe(false);
    const notes = invocation.toolExecutionNotifications.map(
      (n: { level: string; message: { text: string }; locations: { physicalLocation: unknown }[] }) => [
        n.level,
        n.message.text,
        n.locations[0].physicalLocation,
      ],
    );
    expect(notes).toEqual([
      [
        'error',
        'bad indentation of a mapping entry',
        { artifactLocation: { uri: 'apps/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } },
      ],
      [
        'note',
        'apps/legacy: Helm chart needs helm, which is not installed',
        { artifactLocation: { uri: 'apps/legacy', uriBaseId: '%SRCROOT%' } },
      ],
      [
        'note',
        'policies/cel.yaml:2: ValidatingPolicy (CEL policy) is not supported yet',
        { artifactLocation: { uri: 'policies/cel.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } },
      ],
    ]);
  });

  it('marks a run without load errors successful', () => {
    expect(sarif(only([])).runs[0].invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [],
    });
  });
});
