import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { documentOf, requestFor } from '../mutating/testdata/requests.js';
import { compileGeneratingPolicy } from './compile.js';
import { evaluateGeneratingPolicy } from './evaluate.js';

interface Case {
  name: string;
  policy: JsonObject;
  resource: JsonObject;
  expect: null | {
    rule: string;
    status: string;
    message?: string;
    messagePrefix?: string;
    generated?: JsonObject[];
  };
}

const cases = parse(readFileSync(new URL('./testdata/generating-policies.yaml', import.meta.url), 'utf8')) as Case[];

describe('evaluateGeneratingPolicy', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const policy = compileGeneratingPolicy(documentOf(c.policy));
    expect(policy.diagnostics).toEqual([]);
    const responses = evaluateGeneratingPolicy(policy, requestFor(c.resource), []);
    if (c.expect === null) return expect(responses).toEqual([]);
    expect(responses).toHaveLength(1);
    const [rule] = responses[0].rules;
    expect({ rule: rule.rule, status: rule.status }).toEqual({ rule: c.expect.rule, status: c.expect.status });
    if (c.expect.message !== undefined) expect(rule.message).toBe(c.expect.message);
    if (c.expect.messagePrefix !== undefined) expect(rule.message.startsWith(c.expect.messagePrefix)).toBe(true);
    if (c.expect.generated !== undefined) expect(responses[0].generated).toEqual(c.expect.generated);
  });

  it('forwards generated objects to the injected generator', () => {
    const policy = compileGeneratingPolicy(documentOf(cases[0].policy));
    const seen: string[] = [];
    const services = {
      generator: { apply: (ns: string, objs: JsonObject[]) => void seen.push(`${ns}:${objs.length}`) },
    };
    evaluateGeneratingPolicy(policy, requestFor(cases[0].resource, 'CREATE', services), []);
    expect(seen).toEqual(['team-a:1']);
  });
});

describe('compileGeneratingPolicy diagnostics', () => {
  const base = { apiVersion: 'policies.kyverno.io/v1alpha1', kind: 'GeneratingPolicy', metadata: { name: 'bad' } };
  it.each([
    ['a non-bool generate expression', { generate: [{ expression: "'x'" }] }, "expected type 'bool'"],
    [
      'both expression and template',
      { generate: [{ expression: 'true', template: { value: 'a: 1' } }] },
      'exactly one',
    ],
    ['a template document that is not a mapping', { generate: [{ template: { value: '- a' } }] }, 'mappings'],
    [
      'a bad placeholder',
      { generate: [{ template: { interpolate: 'cel', value: 'a: (( 1 + ))' } }] },
      'template expression',
    ],
    ['an unknown field', { generate: [], generator: [] }, 'unknown field'],
  ])('%s', (_name, spec, text) => {
    const policy = compileGeneratingPolicy(documentOf({ ...base, spec } as JsonObject));
    expect(policy.diagnostics.map((d) => d.message).join('\n')).toContain(text);
  });
});
