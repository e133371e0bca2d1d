import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.js';
import { compilePattern } from './compile.js';
import { jsonPointerToSegments, validatePattern } from './validate.js';

interface Case {
  name: string;
  pattern: JsonValue;
  resource: JsonValue;
  want: { status: string; path?: string; detail?: string };
}

const load = (file: string) => parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8')) as Case[];

describe.each(['validate-basic.yaml', 'validate-anchors.yaml', 'validate-metadata.yaml', 'validate-quirks.yaml'])(
  '%s',
  (file) => {
    it.each(load(file))('$name', (c) => {
      const compiled = compilePattern(c.pattern);
      const got = validatePattern(c.resource, compiled);
      expect(got.status).toBe(c.want.status);
      if (c.want.path !== undefined) expect('path' in got ? got.path : undefined).toBe(c.want.path);
      if (c.want.detail !== undefined) expect('detail' in got ? got.detail : undefined).toBe(c.want.detail);
      // A compiled pattern is shared across resources: evaluating it again must give the same answer.
      expect(validatePattern(c.resource, compiled)).toEqual(got);
      // Compiled at load, its string leaves come from a table shared with other patterns: same answer.
      expect(validatePattern(c.resource, compilePattern(c.pattern, true))).toEqual(got);
    });
  },
);

describe('the trail of one validation does not reach the next', () => {
  it('a shallow failure after a deep one names only its own path', () => {
    const deep = compilePattern({ spec: { containers: [{ securityContext: { privileged: false } }] } });
    const shallow = compilePattern({ kind: 'Deployment' });
    const pod = { kind: 'Pod', spec: { containers: [{ securityContext: { privileged: true } }] } };
    expect(validatePattern(pod, deep)).toMatchObject({
      status: 'fail',
      path: '/spec/containers/0/securityContext/privileged/',
    });
    expect(validatePattern(pod, shallow)).toMatchObject({ status: 'fail', path: '/kind/' });
    expect(validatePattern(pod, deep)).toMatchObject({ path: '/spec/containers/0/securityContext/privileged/' });
  });
});

describe('compiled patterns are not changed by evaluation', () => {
  it('metadata expansion for one resource does not leak into the next', () => {
    const compiled = compilePattern({ metadata: { labels: { 'team.io/*': 'a' } } });
    expect(validatePattern({ metadata: { labels: { 'team.io/x': 'a' } } }, compiled).status).toBe('pass');
    expect(validatePattern({ metadata: { labels: { 'team.io/y': 'b' } } }, compiled)).toEqual({
      status: 'fail',
      path: '/metadata/labels/team.io/y/',
      detail: "resource value 'b' does not match 'a' at path /metadata/labels/team.io/y/",
    });
  });
});

describe('jsonPointerToSegments', () => {
  const resource = {
    metadata: { labels: { 'app.kubernetes.io/name': 'x', '123': 'y' } },
    spec: { containers: [{ image: 'a' }] },
  };
  it.each<{ path: string; resource: JsonValue | undefined; want: (string | number)[] }>([
    { path: '/spec/containers/0/image/', resource: undefined, want: ['spec', 'containers', 0, 'image'] },
    { path: '/', resource: undefined, want: [] },
    { path: '', resource: undefined, want: [] },
    { path: '//a//', resource: undefined, want: ['', 'a', ''] },
    {
      path: '/metadata/labels/app.kubernetes.io/name/',
      resource: undefined,
      want: ['metadata', 'labels', 'app.kubernetes.io', 'name'],
    },
    {
      path: '/metadata/labels/app.kubernetes.io/name/',
      resource,
      want: ['metadata', 'labels', 'app.kubernetes.io/name'],
    },
    { path: '/metadata/labels/123/', resource, want: ['metadata', 'labels', '123'] },
    {
      path: '/a/b/c/d/',
      resource: { a: { b: 1, 'b/c': { d: 2 }, 'b/c/d': 3, 'c/d': 4 } },
      want: ['a', 'b/c/d'],
    },
    { path: '/a/b/c/', resource: { a: { 'b/x': 1, 'x/b/c': 2, b: { c: 3 } } }, want: ['a', 'b', 'c'] },
    { path: '/spec/containers/0/image/', resource, want: ['spec', 'containers', 0, 'image'] },
  ])('$path', ({ path, resource, want }) => {
    expect(jsonPointerToSegments(path, resource)).toEqual(want);
  });
});
