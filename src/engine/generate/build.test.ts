import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MemoryCluster } from '../../cluster/memory-store.js';
import type { JsonObject } from '../json.js';
import { buildGeneratedResources, GenerateError, type GeneratedResource, type GeneratePolicyInfo } from './index.js';

interface Case {
  name: string;
  generate: JsonObject;
  trigger?: JsonObject;
  triggerUid?: string;
  policy?: GeneratePolicyInfo;
  cluster?: JsonObject[];
  want?: GeneratedResource[];
  error?: string;
}

const DEFAULT_TRIGGER: JsonObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'tenant', uid: 'ns-uid' },
};
const DEFAULT_POLICY: GeneratePolicyInfo = { name: 'pol', namespace: '', rule: 'gen' };

function load(file: string): Case[] {
  const doc = parse(readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8'), { merge: true }) as {
    cases: Case[];
  };
  return doc.cases;
}

function run(c: Case): GeneratedResource[] {
  const trigger = {
    resource: c.trigger ?? DEFAULT_TRIGGER,
    ...(c.triggerUid !== undefined ? { uid: c.triggerUid } : {}),
  };
  return buildGeneratedResources(c.generate, trigger, c.policy ?? DEFAULT_POLICY, new MemoryCluster(c.cluster ?? []));
}

describe.each(['data.yaml', 'clone.yaml', 'clone-list.yaml', 'labels.yaml', 'errors.yaml'])('%s', (file) => {
  it.each(load(file))('$name', (c) => {
    if (c.error !== undefined) {
      expect(() => run(c)).toThrow(GenerateError);
      expect(() => run(c)).toThrow(c.error);
    } else {
      expect(run(c)).toEqual(c.want);
    }
  });
});

describe('purity', () => {
  it('leaves the cluster and the generate spec untouched', () => {
    const source = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', uid: 'u' } };
    const cluster = new MemoryCluster([source]);
    const generate = {
      apiVersion: 'v1',
      kind: 'Secret',
      name: 's',
      namespace: 'tenant',
      clone: { namespace: 'default', name: 's' },
    };
    const before = structuredClone(generate);
    buildGeneratedResources(generate, { resource: DEFAULT_TRIGGER }, DEFAULT_POLICY, cluster);
    expect(generate).toEqual(before);
    expect(cluster.all()).toEqual([source]);
  });
});
