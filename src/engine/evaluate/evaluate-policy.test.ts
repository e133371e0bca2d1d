import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { fixedClock } from '../ports.js';
import { QueryCache } from '../context/query-cache.js';
import { compilePolicy } from '../compile/compile-policy.js';
import { toClassicPolicy } from '../policy/policy.js';
import { evaluateValidation } from './evaluate-policy.js';
import { RequestMemo } from './request-memo.js';

interface Case {
  name: string;
  policy: JsonObject;
  resource: JsonObject;
  operation?: string;
  want: { rule: string; status: string; message?: string; path?: (string | number)[]; action?: string }[];
}

const cases = parse(readFileSync(new URL('./testdata/validate-rules.yaml', import.meta.url), 'utf8')) as Case[];

// Each case runs as a request of its own (with the memo the pipeline gives it: shared base context, one rule scope
// refilled rule after rule) and without one; both must give the same results.
describe.each([
  ['with a request memo', () => new RequestMemo()],
  ['without a memo', () => undefined],
])('evaluateValidation %s', (_name, memoOf) => {
  it.each(cases)('$name', (c) => {
    const queries = new QueryCache();
    const cp = compilePolicy(toClassicPolicy(c.policy), queries);
    expect(cp.diagnostics).toEqual([]);
    const op = c.operation ?? 'CREATE';
    const req = {
      operation: op,
      object: op === 'DELETE' ? null : c.resource,
      oldObject: op === 'CREATE' ? undefined : c.resource,
    };
    const clock = fixedClock(new Date('2026-01-01T00:00:00Z'));
    const rules = evaluateValidation(cp, req, { queries, clock, memo: memoOf() });
    expect(rules.map((r) => r.rule)).toEqual(c.want.map((w) => w.rule));
    c.want.forEach((w, i) => expect(rules[i]).toMatchObject(w));
  });
});
