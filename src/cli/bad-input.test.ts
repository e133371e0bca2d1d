// Bad input gives one line naming the file (and line), a non-zero exit, and never a stack trace.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

const dir = fileURLToPath(new URL('./testdata/bad/', import.meta.url));
let out = '';
let err = '';

beforeEach(() => {
  out = '';
  err = '';
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('bad input', () => {
  it.each([
    [
      'invalid YAML',
      ['apply', `${dir}invalid-yaml`, '--resource', `${dir}pod.yaml`],
      /invalid-yaml\/policy\.yaml:\d+: /,
    ],
    [
      'a policy missing spec.rules',
      ['apply', `${dir}missing-rules`, '--resource', `${dir}pod.yaml`],
      /missing-rules\/policy\.yaml:5: .*spec\.rules is required/,
    ],
    [
      'an unknown anchor',
      ['apply', `${dir}unknown-anchor`, '--resource', `${dir}pod.yaml`],
      /unknown-anchor\/policy\.yaml:16: .*anchor/,
    ],
    [
      'an unparseable JMESPath expression',
      ['apply', `${dir}bad-jmespath`, '--resource', `${dir}pod.yaml`],
      /bad-jmespath\/policy\.yaml:16: .*JMESPath/,
    ],
    [
      'a missing resource file',
      ['apply', `${dir}good-policy.yaml`, '--resource', `${dir}nope.yaml`],
      /nope\.yaml: no such file or directory/,
    ],
    ['an empty directory', ['test', `${dir}empty-dir`], /no kyverno-test\.yaml found under .*empty-dir/],
  ])('%s', async (_name, argv, message) => {
    const code = await main(argv);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a missing file named by a test fails that suite with the file name', async () => {
    const code = await main(['test', `${dir}missing-file`, '--output', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.suites[0].error).toMatch(/does-not-exist\.yaml: no such file or directory/);
    expect(report.summary).toMatchObject({ suites: 1, suitesFailed: 1, rowsOk: 0 });
  });
});
