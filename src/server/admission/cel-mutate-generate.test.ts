import { readFileSync } from 'node:fs';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { QueryCache } from '../../engine/context/query-cache.js';
import { loadCelPolicy } from '../../engine/cel-policy/index.js';
import type { JsonObject } from '../../engine/json.js';
import { fixedClock } from '../../engine/ports.js';
import { parseDocuments } from '../../engine/source/documents.js';
import { admitMutate, admitValidate, type AdmissionDeps } from './index.js';

const text = (file: string) => readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const loaded = parseDocuments(text('cel-policies.yaml'), 'cel-policies.yaml').documents.map(loadCelPolicy);
const plan = (...names: string[]) => ({ policies: [], celPolicies: loaded.filter((p) => names.includes(p.name)) });
const deps: AdmissionDeps = {
  env: { queries: new QueryCache(), clock: fixedClock(new Date('2025-01-01T00:00:00Z')) },
  namespaceLabels: () => undefined,
};
const review = parse(text('create-pod-latest.yaml')) as JsonObject;
const pod = (review.request as JsonObject).object as JsonObject;
type Response = { allowed: boolean; status?: { message: string }; patch?: string };

function patched(res: Response): JsonObject {
  const ops = res.patch ? JSON.parse(Buffer.from(res.patch, 'base64').toString('utf8')) : [];
  return jsonpatch.applyPatch(structuredClone(pod), ops).newDocument as JsonObject;
}

describe('MutatingPolicies in the mutating webhook', () => {
  it('applies an ApplyConfiguration: the JSONPatch answer gives the mutated Pod', () => {
    const res = (admitMutate(review, plan('label-mutated'), deps).body as { response: Response }).response;
    expect(res.allowed).toBe(true);
    expect((patched(res).metadata as JsonObject).labels).toEqual({
      ...((pod.metadata as JsonObject).labels as JsonObject),
      'mutated-by': 'tollgate',
    });
  });

  it.each([
    ['an error rejects under failurePolicy Fail', 'broken-jsonpatch', false],
    ['an error drops the policy under Ignore', 'broken-jsonpatch-ignored', true],
  ])('%s', (_n, name, allowed) => {
    const out = admitMutate(review, plan(name, 'label-mutated'), deps);
    const res = (out.body as { response: Response }).response;
    expect(res.allowed).toBe(allowed);
    if (!allowed) expect(res.status?.message).toMatch(new RegExp(`^mutation policy ${name} error: `));
    else expect((patched(res).metadata as JsonObject).labels).toMatchObject({ 'mutated-by': 'tollgate' });
    expect(out.results.find((r) => r.policy === name)?.status).toBe('error');
  });
});

describe('GeneratingPolicies in the validating webhook', () => {
  it('hand back what they generated for an admitted Namespace, and nothing for dryRun', () => {
    for (const [file, count] of [
      ['create-namespace.yaml', 1],
      ['dryrun-create-namespace.yaml', 0],
    ] as const) {
      const out = admitValidate(parse(text(file)) as JsonObject, plan('namespace-quota'), deps);
      expect(out.generated).toHaveLength(count);
      if (count)
        expect(out.generated[0]).toMatchObject({
          policy: 'namespace-quota',
          resource: { kind: 'ResourceQuota', metadata: { name: 'default-quota', namespace: 'team-c' } },
        });
    }
  });
});
