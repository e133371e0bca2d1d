// A policy Kyverno's API server would reject (unknown field, wrong type, invalid enum value) is rejected at load with
// file:line, the JSON path and a did-you-mean — with the same verdict from apply, check, serve, test and webhook-config.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../server/policy-store.js';
import { main } from './main.js';
import { captureOutput } from './testdata/capture-output.js';

const dir = fileURLToPath(new URL('./testdata/invalid/', import.meta.url));
const bad = fileURLToPath(new URL('./testdata/bad/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tollgate-invalid-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const output = captureOutput();

// [fixture, is an exception, the one line every driver gives]
const cases: [string, boolean, RegExp][] = [
  [
    'typo-action.yaml',
    false,
    /typo-action\.yaml:6: policy require-team: unknown field spec\.validationFailureActoin \(did you mean validationFailureAction\?\)/,
  ],
  [
    'typo-body.yaml',
    false,
    /typo-body\.yaml:14: policy require-team: unknown field spec\.rules\[0\]\.validate\.mesage \(did you mean message\?\)/,
  ],
  [
    'bad-enum.yaml',
    false,
    /bad-enum\.yaml:6: policy require-team: spec\.validationFailureAction: "Enforced" is not one of .* \(did you mean Enforce\?\)/,
  ],
  [
    'bad-type.yaml',
    false,
    /bad-type\.yaml:6: policy require-team: spec\.background: must be boolean, not string "yes"/,
  ],
  [
    'typo-validating-policy.yaml',
    false,
    /typo-validating-policy\.yaml:13: policy require-team: unknown field spec\.validation \(did you mean validations\?\)/,
  ],
  [
    'typo-exception.yaml',
    true,
    /typo-exception\.yaml:9: exception allow-legacy: unknown field spec\.exceptions\[0\]\.ruleName \(did you mean ruleNames\?\)/,
  ],
];

describe.each(cases)('%s', (file, isException, message) => {
  const policies = isException ? [`${bad}good-policy.yaml`, `${dir}${file}`] : [`${dir}${file}`];

  it('apply: one line, exit 2', async () => {
    const argv = isException
      ? ['apply', `${bad}good-policy.yaml`, '--exception', `${dir}${file}`, '--resource', `${bad}pod.yaml`]
      : ['apply', `${dir}${file}`, '--resource', `${bad}pod.yaml`];
    expect(await main(argv)).toBe(2);
    expect(output.err.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('check: listed as an error, exit 2, the policy not evaluated', async () => {
    const repo = mkdtempSync(join(tmp, 'repo-'));
    for (const p of policies) cpSync(p, join(repo, p.split('/').pop()!));
    cpSync(`${bad}pod.yaml`, join(repo, 'pod.yaml'));
    expect(await main(['check', repo, '--output', 'json'])).toBe(2);
    const report = JSON.parse(output.out);
    const errors: string[] = report.errors.map(
      (e: { file: string; line: number; message: string }) => `${e.file}:${e.line}: ${e.message}`,
    );
    expect(errors).toContainEqual(expect.stringMatching(message));
    expect(errors.every((e) => e.startsWith(file))).toBe(true);
  });

  it('serve: the set does not load', () => {
    expect(() => loadSnapshot(policies, new Date())).toThrow(message);
  });

  it('webhook-config: one line, exit 2, nothing printed', async () => {
    const ca = `${bad}../webhook-config/ca.crt`;
    expect(
      await main(['webhook-config', '--policies', ...policies, '--url', 'https://127.0.0.1:9443', '--ca-bundle', ca]),
    ).toBe(2);
    expect(output.err.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(output.out).toBe('');
  });
});
