import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { compileCelException } from '../cel-exception.js';
import { compileMutatingPolicy } from './compile.js';
import { evaluateMutatingPolicy } from './evaluate.js';
import { documentOf, requestFor } from './testdata/requests.js';

interface Expected {
  empty?: boolean;
  rule?: string;
  status?: string;
  message?: string;
  messagePrefix?: string;
  properties?: Record<string, string>;
  patched?: JsonObject;
}

interface Case {
  name: string;
  policy: JsonObject;
  resource: JsonObject;
  exceptions?: JsonObject[];
  expect: Expected[];
}

const cases = parse(readFileSync(new URL('./testdata/mutating-policies.yaml', import.meta.url), 'utf8')) as Case[];

describe('evaluateMutatingPolicy', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const policy = compileMutatingPolicy(documentOf(c.policy));
    expect(policy.diagnostics).toEqual([]);
    const exceptions = (c.exceptions ?? []).map((e) => compileCelException(documentOf(e)));
    const responses = evaluateMutatingPolicy(policy, requestFor(c.resource), exceptions);
    expect(responses).toHaveLength(c.expect.length);
    responses.forEach((response, i) => {
      const want = c.expect[i];
      expect(response.policy).toBe(c.policy.metadata && (c.policy.metadata as JsonObject).name);
      if (want.empty) return expect(response.rules).toEqual([]);
      const [rule] = response.rules;
      expect({ rule: rule.rule, status: rule.status }).toEqual({ rule: want.rule, status: want.status });
      if (want.message !== undefined) expect(rule.message).toBe(want.message);
      if (want.messagePrefix !== undefined)
        expect(rule.message.startsWith(want.messagePrefix), rule.message).toBe(true);
      if (want.properties !== undefined) expect(rule.properties).toEqual(want.properties);
      if (want.patched !== undefined) expect(response.patched).toEqual(want.patched);
    });
  });
});

describe('compileMutatingPolicy diagnostics', () => {
  const base = {
    apiVersion: 'policies.kyverno.io/v1alpha1',
    kind: 'MutatingPolicy',
    metadata: { name: 'bad' },
  };
  it.each([
    ['an unknown field', { matchConstraints: {}, mutation: [] }, 'unknown field'],
    [
      'an applyConfiguration of type bool',
      { mutations: [{ patchType: 'ApplyConfiguration', applyConfiguration: { expression: 'true' } }] },
      "expected type 'object'",
    ],
    [
      'a jsonPatch of type string',
      { mutations: [{ patchType: 'JSONPatch', jsonPatch: { expression: "'x'" } }] },
      "expected type 'list'",
    ],
    ['an unknown patchType', { mutations: [{ patchType: 'Merge' }] }, 'Unsupported value'],
    [
      'a variable in a condition with the MAP autogen',
      {
        variables: [{ name: 'v', expression: '1' }],
        matchConditions: [{ name: 'c', expression: 'variables.v == 1' }],
        autogen: { mutatingAdmissionPolicy: { enabled: true } },
      },
      "undeclared reference to 'variables'",
    ],
  ])('%s', (_name, spec, text) => {
    const policy = compileMutatingPolicy(documentOf({ ...base, spec } as JsonObject));
    expect(policy.diagnostics.map((d) => d.message).join('\n')).toContain(text);
    expect(policy.diagnostics[0].source?.file).toBe('fixture.yaml');
    expect(policy.variants).toEqual([]);
  });
});
