import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { splitApiVersion } from './kind-selector.js';
import { compileMatch, excludeRemoves, labelsOf, matchSelects, type MatchSubject, type RequestUser } from './match.js';

interface Case {
  name: string;
  match: JsonObject;
  exclude?: JsonObject;
  resource: JsonObject;
  subresource?: string;
  operation?: string;
  namespaceLabels?: Record<string, string>;
  user?: RequestUser;
  want: boolean;
}

const cases = parse(readFileSync(new URL('./testdata/match.yaml', import.meta.url), 'utf8')) as Case[];

function subject(c: Case): MatchSubject {
  const md = c.resource.metadata as JsonObject;
  const { group, version } = splitApiVersion(String(c.resource.apiVersion));
  return {
    resource: c.resource,
    kind: { group, version, kind: String(c.resource.kind), subresource: c.subresource ?? '' },
    name: String(md.name || md.generateName || ''),
    namespace: c.resource.kind === 'Namespace' ? String(md.name) : String(md.namespace ?? ''),
    operation: c.operation ?? 'CREATE',
    namespaceLabels: c.namespaceLabels ?? {},
    labels: labelsOf(c.resource),
    user: c.user,
  };
}

describe('match and exclude', () => {
  it.each(cases)('$name', (c) => {
    const s = subject(c);
    const applies = matchSelects(compileMatch(c.match), s) && !excludeRemoves(compileMatch(c.exclude), s);
    expect(applies).toBe(c.want);
  });
});

describe('kind names of a block', () => {
  const kinds = (block: JsonObject) => compileMatch(block)?.kindNames;
  it.each<{ name: string; block: JsonObject; want: string[] }>([
    {
      name: 'one filter',
      block: { any: [{ resources: { kinds: ['Pod', 'apps/v1/Deployment'] } }] },
      want: ['Deployment', 'Pod'],
    },
    {
      name: 'filters together',
      block: { all: [{ resources: { kinds: ['Pod'] } }, { resources: { kinds: ['Pod', 'Job'] } }] },
      want: ['Job', 'Pod'],
    },
    { name: 'the legacy form', block: { resources: { kinds: ['v1/Pod'] } }, want: ['Pod'] },
  ])('$name', ({ block, want }) => expect([...(kinds(block) ?? [])].sort()).toEqual(want));

  it.each<{ name: string; block: JsonObject }>([
    { name: 'a wildcard kind', block: { any: [{ resources: { kinds: ['*'] } }] } },
    {
      name: 'a filter without kinds',
      block: { any: [{ resources: { kinds: ['Pod'] } }, { resources: { names: ['x'] } }] },
    },
  ])('none for $name (any kind may be selected)', ({ block }) => expect(kinds(block)).toBeUndefined());

  it('blocks naming the same kinds share one set (a large policy set repeats a few lists)', () => {
    const a = kinds({ any: [{ resources: { kinds: ['Pod', 'Job'] } }] });
    expect(kinds({ any: [{ resources: { kinds: ['Job', 'v1/Pod'] } }] })).toBe(a);
  });
});
