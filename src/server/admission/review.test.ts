import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock, loadPolicies } from '../../engine/index.js';
import { admitMutate, admitValidate, decodeAdmissionReview } from './index.js';

interface Case {
  name: string;
  body: unknown;
  error: string;
}
const cases = parse(readFileSync(new URL('./testdata/malformed.yaml', import.meta.url), 'utf8')) as Case[];
const deps = { services: { clock: fixedClock(new Date(0)) } };
const plan = loadPolicies([]).policySet;

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
const review = (object: unknown) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: { uid: 'u1', kind: { group: '', version: 'v1', kind: 'Pod' }, operation: 'CREATE', object },
});

describe('decodeAdmissionReview', () => {
  it.each(cases)('$name', ({ body, error }) => {
    const d = decodeAdmissionReview(body);
    expect(d.ok).toBe(false);
    expect(d.ok ? '' : d.error).toContain(error);
  });

  it.each([
    ['invalid JSON text', '{"apiVersion": ', 'AdmissionReview is not valid JSON'],
    ['invalid JSON bytes', new TextEncoder().encode('nope'), 'AdmissionReview is not valid JSON'],
    ['oversized nesting', review(nested(200)), 'nests deeper than 100 levels'],
  ])('%s', (_name, body, error) => {
    const d = decodeAdmissionReview(body);
    expect(d.ok ? '' : d.error).toContain(error);
  });

  it('accepts JSON bytes of a well-formed review', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(review({ kind: 'Pod', metadata: { name: 'p' } })));
    const d = decodeAdmissionReview(bytes);
    expect(d.ok && d.review.uid).toBe('u1');
  });
});

describe.each([
  ['admitValidate', admitValidate],
  ['admitMutate', admitMutate],
])('%s on malformed input', (_name, admit) => {
  it.each(cases)('$name → 400', ({ body, error }) => {
    const out = admit(body, plan, deps);
    expect(out.status).toBe(400);
    expect((out.body as { error: string }).error).toContain(error);
    expect(out.results).toEqual([]);
  });
});
