import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixedClock } from '../../ports.js';
import { offlineResourceService, type OfflineResource } from './offline-resources.js';
import type { KyvernoCelServices } from './services.js';
import { evaluateKyverno, kyvernoTestEnv } from './testdata/test-env.js';

interface Case {
  name?: string;
  expr: string;
  policyNamespace?: string;
  value?: unknown;
  error?: string;
}

const data = parse(readFileSync(new URL('./testdata/resources.yaml', import.meta.url), 'utf8')) as {
  context: OfflineResource[];
  cases: Case[];
};
const clusterEnv = kyvernoTestEnv(['resource']);
const namespacedEnv = kyvernoTestEnv(['resourceNamespaced']);
const services: KyvernoCelServices = {
  resources: offlineResourceService(data.context),
  clock: fixedClock(new Date(0)),
};

describe('Kyverno resource library (offline context)', () => {
  it.each(data.cases.map((c) => ({ ...c, title: c.name ?? c.expr })))('$title', (c) => {
    const env = c.policyNamespace === undefined ? clusterEnv : namespacedEnv;
    const outcome = evaluateKyverno(env, c.expr, services, { policyNamespace: c.policyNamespace });
    if (c.error !== undefined) expect(outcome).toEqual({ error: expect.stringContaining(c.error) });
    else expect(outcome).toEqual({ value: c.value });
  });

  it('reports service failures as "failed to get resource"', () => {
    const failing: KyvernoCelServices = {
      clock: fixedClock(new Date(0)),
      resources: {
        get: () => {
          throw new Error('forbidden');
        },
        list: () => [],
      },
    };
    const outcome = evaluateKyverno(clusterEnv, 'resource.Get("v1", "pods", "a", "b")', failing);
    expect(outcome).toEqual({ error: 'failed to get resource: forbidden' });
  });
});
