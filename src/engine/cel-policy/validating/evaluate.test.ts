import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import type { RuleResult } from '../../result/rule-result.js';
import { testCelRequest, testDocument } from '../testdata/test-support.js';
import type { CelRequest } from '../types.js';
import { compileValidatingPolicy } from './compile.js';
import { evaluateValidatingPolicy } from './evaluate.js';

interface ExpectedRule {
  status: string;
  rule: string;
  message?: string;
  messageStartsWith?: string;
  properties?: Record<string, string>;
}

interface Case {
  name: string;
  spec?: JsonObject;
  resource?: JsonObject;
  operation?: CelRequest['operation'];
  responses: ExpectedRule[][];
}

const fixture = parse(readFileSync(new URL('./testdata/evaluate.yaml', import.meta.url), 'utf8')) as {
  defaults: JsonObject;
  resource: JsonObject;
  cases: Case[];
};

/** The observable parts of a rule response, shaped like the fixture's expectations. */
export function observed(r: RuleResult, expected: ExpectedRule): ExpectedRule {
  const out: ExpectedRule = { status: r.status, rule: r.rule };
  if (expected.message !== undefined) out.message = r.message;
  if (expected.messageStartsWith !== undefined)
    out.messageStartsWith = r.message.startsWith(expected.messageStartsWith) ? expected.messageStartsWith : r.message;
  if (expected.properties !== undefined || r.properties !== undefined) out.properties = { ...r.properties };
  return out;
}

describe('evaluateValidatingPolicy (§2.4, §2.7, §6.4)', () => {
  it.each(fixture.cases)('$name', (c) => {
    const spec = { ...fixture.defaults, ...c.spec };
    const doc = testDocument({
      apiVersion: 'policies.kyverno.io/v1',
      kind: 'ValidatingPolicy',
      metadata: { name: 'vpol' },
      spec,
    });
    const policy = compileValidatingPolicy(doc);
    expect(policy.diagnostics).toEqual([]);
    const req = testCelRequest(c.resource ?? fixture.resource, { operation: c.operation });
    const responses = evaluateValidatingPolicy(policy, req, []);
    const actual = responses.map((resp, i) => resp.rules.map((r, j) => observed(r, c.responses[i]?.[j] ?? r)));
    expect(actual).toEqual(c.responses.map((rules) => rules.map((r) => ({ ...r }))));
    for (const resp of responses) expect(resp.policy).toBe('vpol');
  });
});
