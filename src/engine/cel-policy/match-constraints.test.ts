import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { admissionFacts, compileMatchConstraints, matchConstraints, type AdmissionFacts } from './match-constraints.js';
import { testCelRequest } from './testdata/test-support.js';

interface Case {
  name: string;
  constraints: JsonObject;
  facts?: Partial<AdmissionFacts>;
  matched: boolean;
  error?: string;
  simple?: boolean;
}

const fixture = parse(readFileSync(new URL('./testdata/match-constraints.yaml', import.meta.url), 'utf8')) as {
  facts: AdmissionFacts;
  cases: Case[];
};

describe('matchConstraints (§2.3)', () => {
  it.each(fixture.cases)('$name', (c) => {
    const mc = compileMatchConstraints(c.constraints);
    if (!mc) throw new Error('constraints did not compile');
    const outcome = matchConstraints(mc, { ...fixture.facts, ...c.facts });
    expect(outcome).toEqual(c.error === undefined ? { matched: c.matched } : { matched: c.matched, error: c.error });
    if (c.simple !== undefined) expect(mc.simple).toBe(c.simple);
  });

  it('absent matchConstraints compile to undefined', () => {
    expect(compileMatchConstraints(undefined)).toBeUndefined();
  });

  it('reads the facts from a CelRequest', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels: { a: 'b' } } };
    const facts = admissionFacts(testCelRequest(pod, { operation: 'UPDATE', namespaceLabels: { x: 'y' } }));
    expect(facts).toEqual({
      operation: 'UPDATE',
      group: '',
      version: 'v1',
      resource: 'pods',
      subResource: '',
      name: 'p',
      generateName: '',
      namespace: 'ns',
      objectLabels: { a: 'b' },
      oldObjectLabels: { a: 'b' },
      namespaceLabels: { x: 'y' },
    });
  });
});
