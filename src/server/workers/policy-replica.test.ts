// A worker's policies are the primary's: the sources cross the IPC channel as JSON and compile to the same set.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PolicyStore, type PolicyView } from '../policy-store.js';
import type { PoliciesMessage } from './messages.js';
import { PolicyReplica, policiesMessage } from './policy-replica.js';

const path = (name: string) => new URL(`../admission/testdata/${name}`, import.meta.url).pathname;
const NOW = new Date('2026-06-01T00:00:00Z');
// What arrives in the worker: the message after JSON serialisation (cluster's IPC channel).
const overIpc = (m: PoliciesMessage) => JSON.parse(JSON.stringify(m)) as PoliciesMessage;
const names = (view: PolicyView) => view.current?.policySet.policies.map((p) => p.name).sort();

function primary(): PolicyStore {
  const store = new PolicyStore([path('policies.yaml')], () => {});
  expect(store.reload()).toBe(true);
  return store;
}

describe('PolicyReplica', () => {
  it('compiles the set the primary loaded, from its sources', () => {
    const store = primary();
    const replica = new PolicyReplica();
    expect(replica.current).toBeUndefined();
    expect(replica.apply(overIpc(policiesMessage(store)), NOW)).toBeUndefined();
    expect(names(replica)).toEqual(names(store));
    expect(replica.current?.policySet.policies.length).toBe(12);
    expect(replica.reloadError).toBeUndefined();
  });

  it('takes a failed reload as the primary reports it and keeps serving the set it has', () => {
    const store = primary();
    const replica = new PolicyReplica();
    replica.apply(overIpc(policiesMessage(store)), NOW);
    const failed: PoliciesMessage = {
      type: 'tollgate:policies',
      reloadError: { message: 'broken.yaml:3: spec.rules is required', at: '2026-06-01T00:01:00.000Z' },
    };
    replica.apply(overIpc(failed), NOW);
    expect(replica.reloadError).toEqual({
      message: 'broken.yaml:3: spec.rules is required',
      at: new Date('2026-06-01T00:01:00.000Z'),
    });
    expect(names(replica)).toEqual(names(store));
    // The next good set clears it.
    replica.apply(overIpc(policiesMessage(store)), NOW);
    expect(replica.reloadError).toBeUndefined();
  });

  it('keeps its set and says why when sources do not compile (a bug: the primary compiled them)', () => {
    const replica = new PolicyReplica();
    replica.apply(overIpc(policiesMessage(primary())), NOW);
    const broken: PoliciesMessage = {
      type: 'tollgate:policies',
      sources: {
        files: [
          { file: 'x.yaml', text: 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: x}\nspec: {}\n' },
        ],
        objects: [],
      },
    };
    expect(replica.apply(broken, NOW)).toMatch(/did not load in this worker: x\.yaml:\d+: .*spec\.rules is required/);
    expect(replica.current?.policySet.policies.length).toBe(12);
    expect(replica.reloadError?.message).toMatch(/did not load in this worker/);
  });

  it('compiles cluster objects as the primary does: a broken one is refused, the others load', () => {
    const [first] = parseAllDocuments(readFileSync(path('policies.yaml'), 'utf8')).map((d) => d.toJSON());
    const broken = { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'broken' }, spec: {} };
    const message: PoliciesMessage = { type: 'tollgate:policies', sources: { files: [], objects: [first, broken] } };
    const replica = new PolicyReplica();
    replica.apply(overIpc(message), NOW);
    expect(names(replica)).toEqual([first.metadata.name]);
    expect(replica.current?.refused).toEqual([
      { source: 'cluster:ClusterPolicy/broken', message: expect.stringMatching(/spec\.rules/) },
    ]);
  });
});

describe('policiesMessage', () => {
  it('sends the sources only when asked, and the reload error as text', () => {
    const store = primary();
    expect(policiesMessage(store, false)).toEqual({ type: 'tollgate:policies' });
    const message = policiesMessage(store);
    expect(message.sources?.files.map((f) => f.file)).toEqual([path('policies.yaml')]);
    expect(message.sources?.files[0].text).toBe(readFileSync(path('policies.yaml'), 'utf8'));
  });
});
