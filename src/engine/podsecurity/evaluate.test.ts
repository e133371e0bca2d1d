import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../json.js';
import { PodSecurityError, evaluatePodSecurity, type PodSecurityExclude, type PodSecuritySpec } from './index.js';
import { PodFindingsMemo } from './pod-findings.js';

interface Case {
  name: string;
  level: PodSecuritySpec['level'];
  version?: string;
  exclude?: PodSecurityExclude[];
  extraExcludes?: PodSecurityExclude[];
  pod?: JsonObject;
  resource?: JsonObject;
  want: {
    allowed?: boolean;
    checks?: string[];
    exempted?: boolean;
    fields?: string[][];
    values?: string[][];
    message?: string;
    none?: boolean;
  };
}

function load(file: string): Case[] {
  const doc = parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8'), { merge: true }) as {
    cases: Case[];
  };
  return doc.cases;
}

const resourceOf = (c: Case): JsonObject =>
  c.resource ?? { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, ...c.pod };

function specOf(c: Case): PodSecuritySpec {
  const spec: PodSecuritySpec = { level: c.level, version: c.version ?? 'latest', exclude: c.exclude };
  if (c.version === 'omitted') delete spec.version;
  return spec;
}

function run(c: Case) {
  return evaluatePodSecurity(resourceOf(c), specOf(c), c.extraExcludes);
}

const FILES = ['baseline.yaml', 'restricted.yaml', 'versions.yaml', 'excludes.yaml', 'templates.yaml', 'messages.yaml'];

describe.each(FILES)('evaluatePodSecurity %s', (file) => {
  it.each(load(file).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = run(c);
    if (c.want.none) {
      expect(r).toBeUndefined();
      return;
    }
    expect(r).toBeDefined();
    if (!r) return;
    expect(r.failures.map((f) => f.checkId)).toEqual(c.want.checks ?? []);
    expect(r.allowed).toBe(c.want.allowed ?? (c.want.checks ?? []).length === 0);
    expect(r.exempted).toBe(c.want.exempted ?? false);
    if (c.want.fields) expect(r.failures.map((f) => f.fields)).toEqual(c.want.fields);
    if (c.want.values) expect(r.failures.map((f) => f.values)).toEqual(c.want.values);
    if (c.want.message !== undefined) expect(r.message).toBe(c.want.message);
    if (r.allowed) expect(r.message).toBe('');
  });
});

describe('evaluatePodSecurity errors', () => {
  const pod = { kind: 'Pod', spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  it.each([
    [{ level: 'strict', version: 'latest' }, 'unknown pod security level "strict"'],
    [{ level: 'baseline', version: '1.25' }, 'failed to parse pod security api version: must be "latest" or "v1.x"'],
    [{ level: 'baseline', version: 'v2.1' }, 'failed to parse pod security api version: must be "latest" or "v1.x"'],
  ])('%j throws', (spec, message) => {
    expect(() => evaluatePodSecurity(pod, spec as PodSecuritySpec)).toThrow(new PodSecurityError(message));
  });

  it('maps every failure to its control name', () => {
    const r = evaluatePodSecurity(
      { kind: 'Pod', spec: { hostPID: true, containers: [{ name: 'c' }] } },
      { level: 'restricted' },
    );
    expect(r?.failures.map((f) => [f.checkId, f.controlName])).toEqual([
      ['allowPrivilegeEscalation', 'Privilege Escalation'],
      ['capabilities_restricted', 'Capabilities'],
      ['hostNamespaces', 'Host Namespaces'],
      ['runAsNonRoot', 'Running as Non-root'],
      ['seccompProfile_restricted', 'Seccomp'],
    ]);
  });
});

// Rules evaluating one resource object share its checks' outcomes (pod-findings.ts): every rule must still
// get what a fresh evaluation gives, whatever ran before it, and one rule's excludes must not edit another's.
describe.each(FILES)('rules sharing a resource object, %s', (file) => {
  const others: [PodSecuritySpec, PodSecurityExclude[]?][] = [
    [{ level: 'restricted', version: 'latest' }],
    [{ level: 'baseline', version: 'v1.19' }],
    [{ level: 'restricted', version: 'v1.22' }, [{ controlName: 'Host Namespaces' }]],
    [{ level: 'restricted', version: 'latest', exclude: [{ controlName: 'Capabilities', images: ['*'] }] }],
  ];
  it.each(load(file).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const shared = resourceOf(c);
    const memo = new PodFindingsMemo();
    const fresh = (spec: PodSecuritySpec, extra?: PodSecurityExclude[]) =>
      evaluatePodSecurity(structuredClone(shared), spec, extra);
    const own: [PodSecuritySpec, PodSecurityExclude[]?] = [specOf(c), c.extraExcludes];
    for (const [spec, extra] of [own, ...others, own, [{ ...specOf(c), exclude: undefined }] as const]) {
      expect(evaluatePodSecurity(shared, spec, extra, memo.of(shared))).toEqual(fresh(spec, extra));
    }
  });
});

describe('PodFindingsMemo', () => {
  it('runs each implementation once per resource object, whichever rules ask', () => {
    const pod: JsonObject = { kind: 'Pod', spec: { hostPID: true, containers: [{ name: 'c' }] } };
    const memo = new PodFindingsMemo();
    const ran = () => memo.of(pod).outcomes.flatMap((o, slot) => (o === undefined ? [] : [[slot, o] as const]));
    const run = (spec: PodSecuritySpec) => evaluatePodSecurity(pod, spec, [], memo.of(pod));
    run({ level: 'restricted' });
    const first = ran();
    expect(first).toHaveLength(17);
    run({ level: 'baseline' });
    run({ level: 'restricted', exclude: [{ controlName: 'Host Namespaces' }] });
    const again = ran();
    expect(again).toHaveLength(17);
    // The same outcome objects: nothing ran again.
    again.forEach(([slot, o], i) => {
      expect(slot).toBe(first[i][0]);
      expect(o).toBe(first[i][1]);
    });
    run({ level: 'restricted', version: 'v1.22' });
    expect(ran().length).toBeGreaterThan(17);
    expect(memo.of(structuredClone(pod)).outcomes).toHaveLength(0);
    expect(new PodFindingsMemo().of(pod).outcomes).toHaveLength(0);
  });
});
