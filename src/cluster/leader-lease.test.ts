import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../engine/json.js';
import { candidateIdentity, LeaderLease, type ApiCall } from './leader-lease.js';

// The API server's Lease semantics: create once, replace only with the current resourceVersion.
function leaseApi() {
  let stored: JsonObject | undefined;
  let rv = 1;
  let down = false;
  const call: ApiCall = async (method, _path, body) => {
    if (down) throw new Error('connect ECONNREFUSED');
    if (method === 'GET') return stored ? { status: 200, body: structuredClone(stored) } : { status: 404 };
    if (method === 'POST') {
      if (stored) return { status: 409 };
      stored = { ...body!, metadata: { ...(body!.metadata as JsonObject), resourceVersion: String(++rv) } };
      return { status: 201, body: stored };
    }
    const sent = (body!.metadata as JsonObject).resourceVersion;
    if (!stored || sent !== (stored.metadata as JsonObject).resourceVersion) return { status: 409 };
    stored = { ...body!, metadata: { ...(body!.metadata as JsonObject), resourceVersion: String(++rv) } };
    return { status: 200, body: stored };
  };
  return {
    call,
    holder: () => (stored?.spec as JsonObject | undefined)?.holderIdentity,
    lease: () => stored,
    setDown: (d: boolean) => (down = d),
  };
}

function candidates(api: ReturnType<typeof leaseApi>, clock: { t: number }) {
  const events: string[] = [];
  const make = (identity: string) =>
    new LeaderLease(api.call, {
      namespace: 'tollgate-system',
      name: 'tollgate-background',
      identity,
      now: () => clock.t,
      onChange: (leading) => events.push(`${identity} ${leading ? 'leads' : 'stops'}`),
    });
  return { a: make('pod-a'), b: make('pod-b'), events };
}

describe('LeaderLease', () => {
  it('creates the Lease and renews it; a second candidate waits', async () => {
    const api = leaseApi();
    const clock = { t: 1_000_000 };
    const { a, b, events } = candidates(api, clock);
    expect(await a.tryOnce()).toBe(true);
    expect(await b.tryOnce()).toBe(false);
    clock.t += 5_000;
    expect(await a.tryOnce()).toBe(true);
    clock.t += 14_000; // b has seen a renewal 14 s ago: not expired
    expect(await b.tryOnce()).toBe(false);
    expect(api.holder()).toBe('pod-a');
    expect(api.lease()).toMatchObject({
      spec: { leaseDurationSeconds: 15, leaseTransitions: 0, renewTime: '1970-01-01T00:16:45.000000Z' },
    });
    expect(events).toEqual(['pod-a leads']);
  });

  it('takes over a Lease whose record did not change for a lease duration, counting the transition', async () => {
    const api = leaseApi();
    const clock = { t: 1_000_000 };
    const { a, b, events } = candidates(api, clock);
    await a.tryOnce();
    await b.tryOnce(); // b observes a's record
    clock.t += 15_000; // a stopped renewing
    expect(await b.tryOnce()).toBe(true);
    expect(api.lease()).toMatchObject({ spec: { holderIdentity: 'pod-b', leaseTransitions: 1 } });
    // a comes back: its renewal attempt finds b's record, it steps down after the renew deadline.
    expect(await a.tryOnce()).toBe(false);
    expect(events).toEqual(['pod-a leads', 'pod-b leads', 'pod-a stops']);
  });

  it('keeps leading through API errors shorter than the renew deadline, then steps down', async () => {
    const api = leaseApi();
    const clock = { t: 1_000_000 };
    const logs: string[] = [];
    const a = new LeaderLease(api.call, {
      namespace: 'ns',
      name: 'l',
      identity: 'pod-a',
      now: () => clock.t,
      log: (m) => logs.push(m),
    });
    await a.tryOnce();
    api.setDown(true);
    clock.t += 9_000;
    expect(await a.tryOnce()).toBe(true);
    clock.t += 2_000;
    expect(await a.tryOnce()).toBe(false);
    expect(logs).toContain('leader election (l): connect ECONNREFUSED');
  });

  it('loses a race on update (409) without claiming leadership', async () => {
    const api = leaseApi();
    const clock = { t: 1_000_000 };
    const { a, b } = candidates(api, clock);
    await a.tryOnce();
    await b.tryOnce();
    clock.t += 15_000;
    // a renews between b's GET and PUT: b's PUT carries a stale resourceVersion.
    const racing: ApiCall = async (method, path, body) => {
      if (method === 'PUT') await a.tryOnce();
      return api.call(method, path, body);
    };
    const c = new LeaderLease(racing, {
      namespace: 'tollgate-system',
      name: 'tollgate-background',
      identity: 'pod-b',
      now: () => clock.t,
    });
    await c.tryOnce(); // observes
    clock.t += 15_000;
    expect(await c.tryOnce()).toBe(false);
    expect(api.holder()).toBe('pod-a');
  });

  it('releases the Lease on stop, so the next candidate takes over at once instead of after the lease duration', async () => {
    const api = leaseApi();
    const clock = { t: 1_000_000 };
    const { a, b, events } = candidates(api, clock);
    expect(await a.tryOnce()).toBe(true);
    expect(await b.tryOnce()).toBe(false);
    a.stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(api.holder()).toBe('');
    clock.t += 1_000; // well inside the 15 s lease duration
    expect(await b.tryOnce()).toBe(true);
    expect(events).toEqual(['pod-a leads', 'pod-a stops', 'pod-b leads']);
  });

  it('names candidates after the Pod, or the host plus a random suffix so two processes on one host differ', () => {
    expect(candidateIdentity('tollgate-7d9f-abcde')).toBe('tollgate-7d9f-abcde');
    const [one, two] = [candidateIdentity(''), candidateIdentity(undefined)];
    expect(one).not.toBe(two);
    expect(one).toMatch(/_[0-9a-f-]{36}$/);
  });
});
