import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { testCelRequest, testDocument, testDocuments } from '../testdata/test-support.js';
import { compileValidatingPolicy } from './compile.js';
import { evaluateValidatingPolicy } from './evaluate.js';

interface Case {
  name: string;
  text: string;
  diagnostics: { code: string; line: number; contains: string[] }[];
}

const fixture = parse(readFileSync(new URL('./testdata/compile-errors.yaml', import.meta.url), 'utf8')) as {
  cases: Case[];
};

describe('compileValidatingPolicy diagnostics', () => {
  it.each(fixture.cases)('$name', (c) => {
    const [doc] = testDocuments(c.text, 'vpol.yaml');
    const policy = compileValidatingPolicy(doc);
    expect(policy.variants).toEqual([]);
    expect(policy.diagnostics.map((d) => ({ code: d.code, line: d.source?.line }))).toEqual(
      c.diagnostics.map((d) => ({ code: d.code, line: d.line })),
    );
    policy.diagnostics.forEach((d, i) => {
      for (const part of c.diagnostics[i].contains) expect(d.message).toContain(part);
    });
  });
});

describe('autogen variants in evaluation (§2.9, §6.4)', () => {
  const policy = compileValidatingPolicy(
    testDocument({
      apiVersion: 'policies.kyverno.io/v1alpha1',
      kind: 'ValidatingPolicy',
      metadata: { name: 'no-host-network' },
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        },
        validations: [
          {
            expression: "object.spec.hostNetwork != true && object.metadata.namespace == 'team'",
            message: 'no host network',
          },
        ],
      },
    }),
  );
  const podSpec = { hostNetwork: true, containers: [{ name: 'c', image: 'nginx' }] };
  const meta = { name: 'w', namespace: 'team' };

  it.each([
    ['Pod', { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec }, [['fail'], []]],
    [
      'Deployment',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { template: { spec: podSpec } } },
      [['fail']],
    ],
    [
      'CronJob',
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta,
        spec: { jobTemplate: { spec: { template: { spec: podSpec } } } },
      },
      [[], ['fail']],
    ],
  ])('%s', (_kind, resource, expected) => {
    const responses = evaluateValidatingPolicy(policy, testCelRequest(resource), []);
    expect(responses.map((r) => r.rules.map((x) => x.status))).toEqual(expected);
    for (const r of responses) expect(r.policy).toBe('no-host-network');
  });

  it('controllers: [] leaves only the source policy', () => {
    const doc = testDocument({
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: { name: 'pods-only' },
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        },
        autogen: { podControllers: { controllers: [] } },
        validations: [{ expression: 'true' }],
      },
    });
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: {} };
    const p = compileValidatingPolicy(doc);
    expect(p.variants.map((v) => v.origin)).toEqual(['policy']);
    expect(evaluateValidatingPolicy(p, testCelRequest(deployment), [])).toEqual([]);
  });
});
