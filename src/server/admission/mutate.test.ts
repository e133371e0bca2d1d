import { readFileSync } from 'node:fs';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock, type JsonObject } from '../../engine/index.js';
import { admitMutate, type AdmissionDeps } from './index.js';
import { policySetOf } from './testdata/cel-fixtures.js';

const text = (file: string) => readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const plan = (...names: string[]) => policySetOf('policies.yaml', ...names);
const deps: AdmissionDeps = { services: { clock: fixedClock(new Date('2025-01-01T00:00:00Z')) } };
const review = (file: string) => parse(text(file)) as { request: { object: JsonObject } };
type Response = {
  allowed: boolean;
  patchType?: string;
  patch?: string;
  warnings?: string[];
  status?: { message: string };
};
const responseOf = (body: unknown) => (body as { response: Response }).response;

function patched(object: JsonObject, res: Response): JsonObject {
  const ops = JSON.parse(Buffer.from(res.patch!, 'base64').toString('utf8'));
  return jsonpatch.applyPatch(structuredClone(object), ops).newDocument;
}

describe('admitMutate', () => {
  it('applies every mutate policy in order; the patch turns the object into the mutated one', () => {
    const r = review('create-pod-unlabelled.yaml');
    const out = admitMutate(r, plan('add-env-label', 'add-owner-annotation'), deps);
    const res = responseOf(out.body);
    expect(res).toMatchObject({ allowed: true, patchType: 'JSONPatch' });
    const obj = patched(r.request.object, res);
    expect(obj.metadata).toEqual({
      name: 'badpod',
      namespace: 'default',
      labels: { app: 'web', env: 'prod' },
      annotations: { owner: 'alice@example.com' },
    });
    expect(res.warnings).toEqual([expect.stringMatching(/^policy add-env-label\.set-env: /)]);
    expect(out.results.map((x) => [x.policy, x.status])).toEqual([
      ['add-env-label', 'pass'],
      ['add-owner-annotation', 'pass'],
    ]);
  });

  it('returns no patch and no warning when nothing changes (the rule skips)', () => {
    const r = review('create-pod-latest.yaml');
    const first = patched(r.request.object, responseOf(admitMutate(r, plan('add-env-label'), deps).body));
    const again = { ...r, request: { ...r.request, object: first } };
    const res = responseOf(admitMutate(again, plan('add-env-label'), deps).body);
    expect(res).toEqual({ uid: '0b5c1c1e-0002-4c1a-9a50-000000000002', allowed: true });
  });

  it.each([
    ['Fail rejects the request', ['broken-mutation', 'add-env-label'], false],
    ['Ignore discards the policy and continues', ['broken-mutation-ignored', 'add-env-label'], true],
    [
      'an earlier Fail policy makes a later Ignore error reject',
      ['add-owner-annotation', 'broken-mutation-ignored'],
      false,
    ],
  ])('mutate error with failurePolicy %s (spec §13.2)', (_n, names, allowed) => {
    const r = review('create-pod-unlabelled.yaml');
    const res = responseOf(admitMutate(r, plan(...names), deps).body);
    expect(res.allowed).toBe(allowed);
    if (!allowed)
      expect(res.status!.message).toMatch(
        /^mutation policy broken-mutation(-ignored)? error: failed to apply policy broken-mutation(-ignored)? rules \[needs-missing-var: /,
      );
    else expect(patched(r.request.object, res).metadata).toMatchObject({ labels: { app: 'web', env: 'prod' } });
  });

  it('DELETE has no object to mutate and is admitted unchanged', () => {
    const res = responseOf(admitMutate(review('delete-pod-protected.yaml'), plan('add-env-label'), deps).body);
    expect(res).toEqual({ uid: '0b5c1c1e-0007-4c1a-9a50-000000000007', allowed: true });
  });

  it('dryRun requests are still mutated (the patch has no side effects)', () => {
    const r = review('dryrun-create-pod.yaml');
    const res = responseOf(admitMutate(r, plan('add-env-label'), deps).body);
    expect(patched(r.request.object, res).metadata).toMatchObject({ labels: { env: 'prod' } });
  });
});
