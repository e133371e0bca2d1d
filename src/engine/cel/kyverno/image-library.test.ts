import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../ports.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Case {
  ref: string;
  parts?: Record<string, unknown>;
  error?: string;
}

const cases = parse(readFileSync(new URL('./testdata/images.yaml', import.meta.url), 'utf8')) as Case[];
const env = kyvernoTestEnv(['image']);
const services = { clock: fixedClock(new Date(0)) };
const ACCESSORS =
  '{"registry": i.registry(), "repository": i.repository(), "identifier": i.identifier(), "tag": i.tag()}';
const DIGEST = '{"digest": i.digest(), "containsDigest": i.containsDigest()}';

describe('Kyverno image library', () => {
  it.each(cases)('image($ref)', ({ ref, parts, error }) => {
    const expr = `cel.bind(i, image(object), dyn(${ACCESSORS}))`;
    const digestExpr = `cel.bind(i, parseImageReference(object), dyn(${DIGEST}))`;
    const [a, b] = [expr, digestExpr].map((e) => evaluateKyverno(env, e, services, { object: ref }));
    if (error !== undefined) {
      expect(a).toEqual({ error: expect.stringContaining(error) });
      expect(evaluateKyverno(env, 'isImage(object)', services, { object: ref })).toEqual({ value: false });
      return;
    }
    expect({ ...(a as { value: object }).value, ...(b as { value: object }).value }).toEqual(parts);
    expect(evaluateKyverno(env, 'isImage(object)', services, { object: ref })).toEqual({ value: true });
  });
});
