import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { compileValidatingPolicy } from './validating/compile.js';
import { evaluateValidatingPolicy } from './validating/evaluate.js';
import { compileCelException, isCelExceptionDocument } from './cel-exception.js';
import { testCelRequest, testDocument, testDocuments } from './testdata/test-support.js';

interface ExceptionCase {
  name: string;
  namespace?: string;
  priority?: string;
  spec: JsonObject;
}

interface Case {
  name: string;
  failurePolicy?: string;
  exceptions: ExceptionCase[];
  rule: { status: string; rule: string; message?: string; messageStartsWith?: string; exceptions?: string[] };
}

const fixture = parse(readFileSync(new URL('./testdata/exceptions.yaml', import.meta.url), 'utf8')) as {
  policy: JsonObject;
  resource: JsonObject;
  cases: Case[];
};

function exceptionDoc(e: ExceptionCase): JsonObject {
  const labels: JsonObject = e.priority !== undefined ? { 'polex.kyverno.io/priority': e.priority } : {};
  const metadata: JsonObject = { name: e.name, labels, ...(e.namespace ? { namespace: e.namespace } : {}) };
  return { apiVersion: 'policies.kyverno.io/v1', kind: 'PolicyException', metadata, spec: e.spec };
}

describe('CEL PolicyExceptions (§2.8)', () => {
  it.each(fixture.cases)('$name', (c) => {
    const spec = { ...fixture.policy, ...(c.failurePolicy ? { failurePolicy: c.failurePolicy } : {}) };
    const policyDoc = {
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: { name: 'vpol' },
      spec,
    };
    const policy = compileValidatingPolicy(testDocument(policyDoc));
    const exceptions = c.exceptions.map((e) => compileCelException(testDocument(exceptionDoc(e))));
    for (const e of exceptions) expect(e.diagnostics).toEqual([]);
    const [response] = evaluateValidatingPolicy(policy, testCelRequest(fixture.resource), exceptions);
    const r = response.rules[0];
    const { messageStartsWith, ...exact } = c.rule;
    expect({ status: r.status, rule: r.rule, ...pick(r, exact) }).toEqual(exact);
    if (messageStartsWith !== undefined) expect(r.message.startsWith(messageStartsWith)).toBe(true);
    if (c.rule.exceptions) expect(r.properties).toEqual({ exceptions: c.rule.exceptions.join(',') });
  });

  it('reports compile errors of exception conditions with their position', () => {
    const text = [
      'apiVersion: policies.kyverno.io/v1alpha1',
      'kind: PolicyException',
      'metadata: {name: bad}',
      'spec:',
      '  policyRefs: [{name: vpol, kind: ValidatingPolicy}]',
      '  matchConditions:',
      '  - name: c',
      '    expression: "object.metadata.name ="',
    ].join('\n');
    const [doc] = testDocuments(text, 'polex.yaml');
    const e = compileCelException(doc);
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0].source).toMatchObject({ file: 'polex.yaml', line: 8 });
    expect(e.diagnostics[0].message).toContain('spec.matchConditions[0].expression');
  });

  it.each([
    ['policies.kyverno.io/v1alpha1', 'PolicyException', true],
    ['policies.kyverno.io/v1beta1', 'PolicyException', true],
    ['policies.kyverno.io/v1', 'PolicyException', true],
    ['kyverno.io/v2', 'PolicyException', false],
    ['policies.kyverno.io/v1', 'ValidatingPolicy', false],
  ])('recognises %s %s: %s', (apiVersion, kind, expected) => {
    expect(isCelExceptionDocument({ apiVersion, kind })).toBe(expected);
  });
});

function pick(r: object, keys: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(keys)) if (k !== 'status' && k !== 'rule') out[k] = (r as Record<string, unknown>)[k];
  return out;
}
