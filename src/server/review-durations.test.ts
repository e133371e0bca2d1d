import { AggregatorRegistry, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ReviewDurations } from './review-durations.js';

const BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const NAME = 'review_duration_seconds';

// The same observations in ours and in prom-client's own Histogram, each in its own registry.
function both(observations: readonly [string, string, string, boolean, number][]) {
  const ours = new ReviewDurations(NAME, 'help text', BOUNDS);
  const oursRegistry = new Registry();
  oursRegistry.registerMetric(ours.asMetric());
  const theirsRegistry = new Registry();
  const theirs = new Histogram({
    name: NAME,
    help: 'help text',
    labelNames: ['webhook', 'kind', 'operation', 'allowed'],
    buckets: BOUNDS,
    registers: [theirsRegistry],
  });
  for (const [webhook, kind, operation, allowed, seconds] of observations) {
    ours.observe(webhook, kind, operation, allowed, seconds);
    theirs.observe({ webhook, kind, operation, allowed: String(allowed) }, seconds);
  }
  return { oursRegistry, theirsRegistry };
}

const cases: [string, [string, string, string, boolean, number][]][] = [
  ['no reviews', []],
  ['one review', [['validate', 'Pod', 'CREATE', true, 0.0021]]],
  [
    'bounds, extremes and several series',
    [
      ['validate', 'Pod', 'CREATE', true, 0.0005],
      ['validate', 'Pod', 'CREATE', true, 0],
      ['validate', 'Pod', 'CREATE', false, 1],
      ['validate', 'Pod', 'UPDATE', true, 7.5],
      ['mutate', 'Deployment', 'CREATE', true, 0.03],
      ['validate', 'Pod', 'CREATE', true, 0.25000001],
    ],
  ],
];

describe('ReviewDurations', () => {
  it.each(cases)('%s: the exposition text of prom-client’s Histogram', async (_, observations) => {
    const { oursRegistry, theirsRegistry } = both(observations);
    expect(await oursRegistry.metrics()).toBe(await theirsRegistry.metrics());
  });

  it.each(cases)('%s: the same sums when workers are aggregated', async (_, observations) => {
    const a = both(observations);
    const b = both(observations);
    const ours = AggregatorRegistry.aggregate([
      await a.oursRegistry.getMetricsAsJSON(),
      await b.oursRegistry.getMetricsAsJSON(),
    ]);
    const theirs = AggregatorRegistry.aggregate([
      await a.theirsRegistry.getMetricsAsJSON(),
      await b.theirsRegistry.getMetricsAsJSON(),
    ]);
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('forgets its series on reset', async () => {
    const { oursRegistry } = both([['validate', 'Pod', 'CREATE', true, 0.002]]);
    oursRegistry.resetMetrics();
    expect(await oursRegistry.metrics()).not.toMatch(/_count/);
  });
});
