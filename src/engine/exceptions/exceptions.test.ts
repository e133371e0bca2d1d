import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { JsonContext } from '../context/json-context.js';
import { QueryCache } from '../context/query-cache.js';
import { matchSubjectOf } from '../evaluate/match-subject.js';
import { substituteDocument } from '../variables/substitute.js';
import { compileException, type CompiledException } from './exception.js';
import { applicableExceptions, exceptionSkipMessage, ExceptionIndex } from './select.js';

interface Case {
  name: string;
  exceptions: JsonObject[];
  policy: string;
  rule: string;
  resource: JsonObject;
  want: { applied: string[]; expired: string[] };
}

const cases = parse(readFileSync(new URL('./testdata/exceptions.yaml', import.meta.url), 'utf8')) as Case[];
const now = new Date('2026-01-01T00:00:00Z');

function compileAll(docs: JsonObject[]): CompiledException[] {
  return docs.map((d) => {
    const r = compileException({ apiVersion: 'kyverno.io/v2', kind: 'PolicyException', ...d });
    expect(r.problems).toEqual([]);
    return r.exception!;
  });
}

describe('PolicyException selection', () => {
  it.each(cases)('$name', (c) => {
    const index = new ExceptionIndex(compileAll(c.exceptions));
    const ctx = new JsonContext(
      { request: { object: c.resource } },
      new QueryCache(),
      { clock: { now: () => now } },
      false,
    );
    const subject = matchSubjectOf(c.resource, { object: c.resource }, 'CREATE', undefined);
    const d = applicableExceptions(index.candidates(c.policy, c.rule), subject, (v) => substituteDocument(v, ctx), now);
    expect({ applied: d.applied.map((e) => e.key), expired: d.expired.map((e) => e.key) }).toEqual(c.want);
  });

  it('uses Kyverno skip message with no space before the first key', () => {
    const [e] = compileAll([
      {
        metadata: { name: 'e', namespace: 'ns' },
        spec: {
          exceptions: [{ policyName: 'p', ruleNames: ['r'] }],
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
        },
      },
    ]);
    expect(exceptionSkipMessage([e])).toBe('rule is skipped due to policy exceptionsns/e');
  });

  it.each([
    [{ metadata: { name: 'e' }, spec: { match: { any: [{ resources: { kinds: ['Pod'] } }] } } }, /spec.exceptions/],
    [
      { metadata: { name: 'e' }, spec: { exceptions: [{ policyName: 'p', ruleNames: ['r'] }] } },
      /spec.match is required/,
    ],
    [
      {
        metadata: { name: 'e', annotations: { 'tollgate.dev/expires': 'next week' } },
        spec: {
          exceptions: [{ policyName: 'p', ruleNames: ['r'] }],
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
        },
      },
      /RFC 3339/,
    ],
  ])('rejects a malformed exception %#', (doc, message) => {
    const r = compileException(doc as JsonObject);
    expect(r.exception).toBeUndefined();
    expect(r.problems[0].message).toMatch(message);
  });
});
