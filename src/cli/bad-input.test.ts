// Bad input gives one line naming the file (and line), a non-zero exit, and never a stack trace.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { captureOutput } from './testdata/capture-output.js';

const dir = fileURLToPath(new URL('./testdata/bad/', import.meta.url));
const output = captureOutput();

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
    ['apply without arguments', ['apply'], /^error: missing required argument 'policies'\n$/],
    [
      'apply without resources',
      ['apply', `${dir}good-policy.yaml`],
      /^error: no resources given: use --resource FILE\|DIR\n$/,
    ],
    [
      'a CEL syntax error',
      ['apply', `${dir}cel-syntax`, '--resource', `${dir}pod.yaml`],
      /cel-syntax\/policy\.yaml:14: policy bad-syntax: spec\.validations\[1\]\.expression: .*\(line 1, column \d+\)/,
    ],
    [
      'an unknown CEL function',
      ['apply', `${dir}cel-unknown-function`, '--resource', `${dir}pod.yaml`],
      /cel-unknown-function\/policy\.yaml:13: policy unknown-function: spec\.validations\[0\]\.expression: .*isTrustedRegistry/,
    ],
    [
      'a CEL type error',
      ['apply', `${dir}cel-type`, '--resource', `${dir}pod.yaml`],
      /cel-type\/policy\.yaml:14: policy static-type-error: spec\.validations\[1\]\.expression: no such overload: int \+ string/,
    ],
  ])('%s', async (_name, argv, message) => {
    const code = await main(argv);
    expect(code).not.toBe(0);
    expect(output.err).toMatch(message);
    expect(output.err.trim().split('\n')).toHaveLength(1);
    expect(output.err).not.toMatch(/\n\s+at /);
  });

  it('a CEL expression that throws at evaluation is an error result naming the policy, validation and file:line', async () => {
    const code = await main(['apply', `${dir}cel-evaluation-error`, '--resource', `${dir}pod.yaml`]);
    expect(code).toBe(0); // an error result, not a blocking failure
    expect(output.err).toBe('');
    expect(output.out).toMatch(
      /policy throws-at-runtime -> resource .*Pod\/\S+ errored \(Enforce\):\n {2}error: no such key: labels\n/,
    );
    expect(output.out).toMatch(/ {2}from spec\.validations\[0\] at .*cel-evaluation-error\/policy\.yaml:14\n/);
    expect(output.out).toMatch(/error: 1/);
  });

  it('a JMESPath syntax error names the expression once', async () => {
    expect(await main(['apply', `${dir}bad-jmespath`, '--resource', `${dir}pod.yaml`])).toBe(2);
    expect(output.err.match(/invalid JMESPath expression/g)).toHaveLength(1);
  });

  it('a missing file named by a test fails that suite with the file name', async () => {
    const code = await main(['test', `${dir}missing-file`, '--output', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(output.out);
    expect(report.suites[0].error).toMatch(/does-not-exist\.yaml: no such file or directory/);
    expect(report.summary).toMatchObject({ suites: 1, suitesFailed: 1, rowsOk: 0 });
  });
});
