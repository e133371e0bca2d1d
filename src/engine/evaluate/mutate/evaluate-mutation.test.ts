import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../json.js';
import { fixedClock } from '../../ports.js';
import { QueryCache } from '../../context/query-cache.js';
import { compilePolicy } from '../../compile/compile-policy.js';
import { toClassicPolicy } from '../../policy/policy.js';
import { evaluateMutation } from './evaluate-mutation.js';

interface Case {
  name: string;
  policy: JsonObject;
  resource: JsonObject;
  /** The resource is the trigger as Kyverno's CLI loaded it. */
  loaded?: boolean;
  want: { rules: { rule: string; status: string; message?: string }[]; resource: JsonObject };
}

const cases = parse(readFileSync(new URL('../testdata/mutate-rules.yaml', import.meta.url), 'utf8')) as Case[];

describe('evaluateMutation', () => {
  it.each(cases)('$name', (c) => {
    const queries = new QueryCache();
    const cp = compilePolicy(toClassicPolicy(c.policy), queries);
    expect(cp.diagnostics).toEqual([]);
    const r = evaluateMutation(
      cp,
      { operation: 'CREATE', object: c.resource },
      {
        queries,
        clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
        loadedTrigger: c.loaded ? c.resource : undefined,
      },
    );
    expect(r.response.rules.map((x) => x.rule)).toEqual(c.want.rules.map((w) => w.rule));
    c.want.rules.forEach((w, i) => expect(r.response.rules[i]).toMatchObject(w));
    expect(r.resource).toEqual(c.want.resource);
  });
});
