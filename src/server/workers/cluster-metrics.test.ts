// The sum /metrics answers under `serve --workers`: each worker's registry as JSON (what crosses the IPC channel),
// added up by the primary.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { WebhookMetrics } from '../metrics.js';
import { PolicyStore } from '../policy-store.js';
import { ClusterMetrics, type MetricsPeer } from './cluster-metrics.js';
import type { PrimaryMessage } from './messages.js';

const policies = fileURLToPath(new URL('../admission/testdata/policies.yaml', import.meta.url));

// A worker that answers the primary's collect request with its registry, through JSON as the channel carries it.
function peer(cluster: ClusterMetrics, metrics: WebhookMetrics): MetricsPeer {
  return {
    send: (m: PrimaryMessage) => {
      if (m.type !== 'tollgate:metrics-collect') throw new Error(`unexpected ${m.type}`);
      void metrics.registry
        .getMetricsAsJSON()
        .then((json) => cluster.receive(m.id, JSON.parse(JSON.stringify(json)) as typeof json));
    },
  };
}

const silent: MetricsPeer = { send: () => {} };

const line = (text: string, series: string) =>
  text.split('\n').find((l) => l.startsWith(`${series} `)) ?? `${series} (absent)`;

function worker(reviews: number): WebhookMetrics {
  const store = new PolicyStore([policies], () => {});
  store.reload();
  const m = new WebhookMetrics(store);
  for (let i = 0; i < reviews; i++) {
    m.requests.inc({ webhook: 'validate', code: '200' });
    m.observeDuration('validate', 'Pod', 'CREATE', true, 0.002);
  }
  return m;
}

describe('ClusterMetrics', () => {
  it('sums counters and histograms over the workers, and keeps one count of the policies', async () => {
    const cluster = new ClusterMetrics(2000, false);
    cluster.workers.set(2);
    const text = await cluster.gather([peer(cluster, worker(3)), peer(cluster, worker(4))]);
    expect(line(text, 'tollgate_admission_requests_total{webhook="validate",code="200"}')).toMatch(/ 7$/);
    expect(
      line(
        text,
        'tollgate_admission_review_duration_seconds_count{webhook="validate",kind="Pod",operation="CREATE",allowed="true"}',
      ),
    ).toMatch(/ 7$/);
    expect(line(text, 'tollgate_policies_loaded')).toBe('tollgate_policies_loaded 12');
    expect(line(text, 'tollgate_workers')).toBe('tollgate_workers 2');
  });

  it('answers with the workers that did answer when one does not, after the timeout', async () => {
    const cluster = new ClusterMetrics(50, false);
    const text = await cluster.gather([peer(cluster, worker(5)), silent]);
    expect(line(text, 'tollgate_admission_requests_total{webhook="validate",code="200"}')).toMatch(/ 5$/);
  });

  it('drops a part that comes after its scrape was answered', async () => {
    const cluster = new ClusterMetrics(20, false);
    let lateId = -1;
    await cluster.gather([{ send: (m) => void (m.type === 'tollgate:metrics-collect' && (lateId = m.id)) }]);
    cluster.receive(lateId, await worker(100).registry.getMetricsAsJSON());
    const text = await cluster.gather([peer(cluster, worker(1))]);
    expect(line(text, 'tollgate_admission_requests_total{webhook="validate",code="200"}')).toMatch(/ 1$/);
  });
});
