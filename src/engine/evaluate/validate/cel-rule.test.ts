import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isObject, type JsonObject } from '../../json.js';
import { fixedClock, type ClusterReader } from '../../ports.js';
import { QueryCache } from '../../context/query-cache.js';
import { compilePolicy } from '../../compile/compile-policy.js';
import { toClassicPolicy } from '../../policy/policy.js';
import { evaluateValidation } from '../evaluate-policy.js';
import type { EvaluationRequest } from '../request.js';

interface Want {
  rule: string;
  status: string;
  message?: string;
  messageContains?: string;
  action?: string;
}

interface Case {
  name: string;
  policy: JsonObject;
  resource: JsonObject;
  operation?: string;
  userInfo?: { username: string; groups: string[] };
  namespaceLabels?: Record<string, string>;
  cluster?: JsonObject[];
  admission?: JsonObject;
  /** Number mode of the trigger (default: the webhook's ints). */
  celNumbers?: 'int' | 'double';
  want: Want[];
}

const cases = parse(readFileSync(new URL('./testdata/validate-cel.yaml', import.meta.url), 'utf8')) as Case[];

/** A read-only cluster over a list of objects (only what params need). */
function clusterOf(objects: readonly JsonObject[]): ClusterReader {
  const field = (o: JsonObject, k: string) => (isObject(o.metadata) ? String(o.metadata[k] ?? '') : '');
  const sameKind = (o: JsonObject, apiVersion: string, kind: string) => o.apiVersion === apiVersion && o.kind === kind;
  return {
    getConfigMap: () => undefined,
    apiCall: () => {
      throw new Error('no API in tests');
    },
    getResource: (apiVersion, kind, namespace, name) =>
      objects.find(
        (o) => sameKind(o, apiVersion, kind) && field(o, 'namespace') === namespace && field(o, 'name') === name,
      ),
    listResources: (apiVersion, kind, namespace) =>
      objects.filter((o) => sameKind(o, apiVersion, kind) && (namespace === '' || field(o, 'namespace') === namespace)),
  };
}

function requestOf(c: Case): EvaluationRequest {
  const op = c.operation ?? 'CREATE';
  const user = c.userInfo && { ...c.userInfo, roles: [], clusterRoles: [], userInfo: c.userInfo };
  return {
    operation: op,
    object: op === 'DELETE' ? null : c.resource,
    oldObject: op === 'CREATE' ? undefined : c.resource,
    user,
    namespaceLabels: c.namespaceLabels,
    admission: c.admission,
  };
}

describe('validate.cel rules', () => {
  it.each(cases)('$name', (c) => {
    const queries = new QueryCache();
    const cp = compilePolicy(
      toClassicPolicy({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', ...c.policy }),
      queries,
    );
    expect(cp.diagnostics).toEqual([]);
    const env = {
      queries,
      clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
      cluster: clusterOf(c.cluster ?? []),
      celNumbers: c.celNumbers,
    };
    const rules = evaluateValidation(cp, requestOf(c), env);
    expect(rules.map((r) => r.rule)).toEqual(c.want.map((w) => w.rule));
    c.want.forEach(({ messageContains, ...w }, i) => {
      expect(rules[i]).toMatchObject(w);
      if (messageContains) expect(rules[i].message).toContain(messageContains);
    });
  });
});
