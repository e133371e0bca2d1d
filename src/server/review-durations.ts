// The admission review duration histogram, counted in plain arrays. prom-client's Histogram hashes the label object
// and writes a bucket keyed by the bound's decimal text on every observation: measured at 12% of the server's CPU
// for a review against one policy. This one finds the series by nested maps and counts into a Float64Array; when
// scraped it hands prom-client's registry the same series a Histogram would (and `serve --workers` sums them the
// same way).
import type { Metric } from 'prom-client';

/** The labels of one series. */
interface ReviewLabels {
  readonly webhook: string;
  readonly kind: string;
  readonly operation: string;
  readonly allowed: string;
}

interface Series {
  readonly labels: ReviewLabels;
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** The denied and the allowed series of one webhook, kind and operation. */
type SeriesPair = [Series | undefined, Series | undefined];

/** One value of a scrape, as prom-client's Histogram.get() gives it. */
interface ScrapedValue {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
  readonly metricName: string;
}

/** A histogram of review durations in seconds by webhook, kind, operation and verdict. */
export class ReviewDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  // webhook → kind → operation → [denied, allowed]
  #series = new Map<string, Map<string, Map<string, SeriesPair>>>();
  // In the order they were first seen, as prom-client lists them.
  #ordered: Series[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    bounds: readonly number[],
  ) {
    this.#bounds = [...bounds].sort((a, b) => a - b);
  }

  /** Count one review. */
  observe(webhook: string, kind: string, operation: string, allowed: boolean, seconds: number): void {
    const byKind = child(this.#series, webhook, newMap<Map<string, SeriesPair>>);
    const pair = child(child(byKind, kind, newMap<SeriesPair>), operation, newPair);
    const slot = allowed ? 1 : 0;
    let series = pair[slot];
    if (!series) {
      pair[slot] = series = {
        labels: { webhook, kind, operation, allowed: String(allowed) },
        counts: new Float64Array(this.#bounds.length + 1),
        sum: 0,
        count: 0,
      };
      this.#ordered.push(series);
    }
    let i = 0;
    while (i < this.#bounds.length && seconds > this.#bounds[i]) i++;
    series.counts[i]++;
    series.sum += seconds;
    series.count++;
  }

  /** The series as prom-client's Histogram.get() writes them: cumulative buckets with `le`, then sum and count. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: ScrapedValue[] }> {
    const values = this.#ordered.flatMap((s) => this.#scraped(s));
    return { name: this.name, help: this.help, type: 'histogram', aggregator: 'sum', values };
  }

  /** Forget every series (Registry.resetMetrics). */
  reset(): void {
    this.#series = new Map();
    this.#ordered = [];
  }

  /** This histogram as the Metric a prom-client Registry registers (the registry only calls get() and reset()). */
  asMetric(): Metric {
    return this as unknown as Metric;
  }

  #scraped(s: Series): ScrapedValue[] {
    const bucket = `${this.name}_bucket`;
    let cumulative = 0;
    const out: ScrapedValue[] = this.#bounds.map((le, i) => {
      cumulative += s.counts[i];
      return { labels: { le, ...s.labels }, value: cumulative, metricName: bucket };
    });
    out.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: bucket });
    out.push({ labels: { ...s.labels }, value: s.sum, metricName: `${this.name}_sum` });
    out.push({ labels: { ...s.labels }, value: s.count, metricName: `${this.name}_count` });
    return out;
  }
}

function child<V>(map: Map<string, V>, key: string, make: () => V): V {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = make()));
  return found;
}

// Made once: arrow functions written in observe would be new function objects on every review.
const newPair = (): SeriesPair => [undefined, undefined];
const newMap = <V>() => new Map<string, V>();
