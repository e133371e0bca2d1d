import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { JsonObject } from '../../engine/index.js';
import { admitPolicy } from './index.js';

// The policy documents of the CLI's invalid-policy table and a valid one, sent as a kubectl apply would send them.
const invalid = (file: string) =>
  parse(readFileSync(new URL(`../../cli/testdata/invalid/${file}`, import.meta.url), 'utf8')) as JsonObject;
const good = parseAllDocuments(
  readFileSync(new URL('../../cli/testdata/bad/good-policy.yaml', import.meta.url), 'utf8'),
)[0].toJS() as JsonObject;

function reviewOf(object: JsonObject | null, operation = 'CREATE', oldObject: JsonObject | null = null): JsonObject {
  const md = (object ?? oldObject)?.metadata as JsonObject;
  const [group, version] = String((object ?? oldObject)?.apiVersion).split('/');
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'policy-review-1',
      kind: { group, version, kind: String((object ?? oldObject)?.kind) },
      resource: { group, version, resource: 'clusterpolicies' },
      name: String(md.name),
      operation,
      userInfo: { username: 'alice' },
      object,
      oldObject,
    },
  };
}

type Response = { allowed: boolean; status?: { status: string; message: string }; warnings?: string[] };
const responseOf = (body: unknown) => (body as { response: Response }).response;

describe('admitPolicy', () => {
  it.each([
    [
      'typo-action.yaml',
      'policy require-team: unknown field spec.validationFailureActoin (did you mean validationFailureAction?)',
    ],
    [
      'bad-enum.yaml',
      /^policy require-team: spec\.validationFailureAction: "Enforced" is not one of .*\(did you mean Enforce\?\)/,
    ],
    [
      'typo-exception.yaml',
      /^exception allow-legacy: unknown field spec\.exceptions\[0\]\.ruleName \(did you mean ruleNames\?\)/,
    ],
    [
      'typo-validating-policy.yaml',
      /^policy require-team: unknown field spec\.validation \(did you mean validations\?\)/,
    ],
  ])('denies %s with the error check and serve report', (file, message) => {
    const out = admitPolicy(reviewOf(invalid(file)));
    const res = responseOf(out.body);
    expect(res.allowed).toBe(false);
    expect(res.status?.status).toBe('Failure');
    expect(res.status?.message).toMatch(message);
  });

  it('admits a valid policy, on create and update', () => {
    for (const op of ['CREATE', 'UPDATE'])
      expect(responseOf(admitPolicy(reviewOf(good, op, op === 'UPDATE' ? good : null)).body)).toMatchObject({
        allowed: true,
      });
  });

  it('admits the deletion of any policy, valid or not', () => {
    expect(responseOf(admitPolicy(reviewOf(null, 'DELETE', invalid('typo-action.yaml'))).body).allowed).toBe(true);
  });

  it('admits an exception without saying that its policy is not loaded (it is judged alone)', () => {
    const exception = parse(
      `apiVersion: kyverno.io/v2
kind: PolicyException
metadata: { name: allow-legacy, namespace: kyverno }
spec:
  exceptions: [{ policyName: require-team, ruleNames: [check-team] }]
  match: { any: [{ resources: { kinds: [Pod], names: [legacy] } }] }`,
    ) as JsonObject;
    const res = responseOf(admitPolicy(reviewOf(exception)).body);
    expect(res).toMatchObject({ allowed: true });
    expect(res.warnings ?? []).toEqual([]);
  });

  it('answers 400 to a malformed review', () => {
    expect(admitPolicy({ kind: 'AdmissionReview' }).status).toBe(400);
  });
});
