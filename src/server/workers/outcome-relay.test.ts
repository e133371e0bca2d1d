// What a worker sends its primary of each review, and how: only what reports and generate need, batched.
import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../engine/index.js';
import type { AdmissionOutcome } from '../admission/index.js';
import type { RelayedOutcome } from './messages.js';
import { OutcomeRelay, relayedOutcome } from './outcome-relay.js';

const result: RuleResult = {
  policy: 'require-team',
  rule: 'team',
  ruleType: 'validate',
  status: 'fail',
  message: 'label team is required',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' },
  action: 'Audit',
};
const configMap = { policy: 'defaults', rule: 'cm', resource: { apiVersion: 'v1', kind: 'ConfigMap' } };
const outcome = (o: Partial<AdmissionOutcome>): AdmissionOutcome => ({
  status: 200,
  body: { response: { allowed: true } },
  results: [result],
  generated: [],
  allowed: true,
  resourceUid: 'uid-web',
  ...o,
});

describe('relayedOutcome', () => {
  it.each([
    ['an admitted validation, reports written', 'validate', {}, true, { results: [result], generated: [] }],
    ['reports not written', 'validate', {}, false, undefined],
    ['a denied request', 'validate', { allowed: false }, true, undefined],
    ['a dry run', 'validate', { dryRun: true }, true, undefined],
    ['a mutation', 'mutate', {}, true, undefined],
    ['no results', 'validate', { results: [] }, true, undefined],
    [
      'generated resources, reports not written',
      'validate',
      { generated: [configMap] },
      false,
      { results: [], generated: [configMap] },
    ],
  ] as const)('%s', (_case, webhook, o, reporting, want) => {
    const got = relayedOutcome(webhook, outcome(o as Partial<AdmissionOutcome>), reporting);
    if (!want) return expect(got).toBeUndefined();
    expect(got).toEqual({ webhook, outcome: expect.objectContaining(want) });
    // Nothing the primary does not use crosses the channel (the response body is the largest part of an outcome).
    expect(Object.keys(got!.outcome).sort()).toEqual(['allowed', 'dryRun', 'generated', 'resourceUid', 'results']);
  });
});

describe('OutcomeRelay', () => {
  it('sends the outcomes of one event-loop turn in one message, and the rest on flush', async () => {
    const sent: (readonly RelayedOutcome[])[] = [];
    const relay = new OutcomeRelay(async (batch) => void sent.push(batch));
    const one = relayedOutcome('validate', outcome({}), true)!;
    relay.add(one);
    relay.add(one);
    relay.add(one);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.map((b) => b.length)).toEqual([3]);
    relay.add(one);
    await relay.flush();
    expect(sent.map((b) => b.length)).toEqual([3, 1]);
    await relay.flush();
    expect(sent).toHaveLength(2);
  });
});
