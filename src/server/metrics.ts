// Prometheus metrics of the webhook.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuleResult } from '../engine/result/rule-result.js';

/** The webhook's metrics, in their own registry. */
export class WebhookMetrics {
  readonly registry = new Registry();
  readonly duration = new Histogram({
    name: 'tollgate_admission_review_duration_seconds',
    help: 'Time to answer an admission review',
    labelNames: ['webhook', 'kind', 'operation', 'allowed'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'tollgate_admission_requests_total',
    help: 'Admission reviews received',
    labelNames: ['webhook', 'code'] as const,
    registers: [this.registry],
  });
  // Rule results are counted in a plain map on the hot path and handed to prom-client when scraped: a review
  // yields dozens of results, and labelled increments cost more than the evaluation of a simple rule.
  readonly #pendingResults = new Map<string, { policy: string; rule: string; result: string; n: number }>();
  readonly ruleResults: Counter<'policy' | 'rule' | 'result'> = new Counter({
    name: 'tollgate_rule_results_total',
    help: 'Rule results by policy, rule and result',
    labelNames: ['policy', 'rule', 'result'] as const,
    registers: [this.registry],
    collect: () => this.#flushResults(),
  });
  readonly policies = new Gauge({
    name: 'tollgate_policies_loaded',
    help: 'Policies in force',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tollgate_' });
  }

  /** Count the rule results of one review. */
  recordResults(results: readonly RuleResult[]): void {
    for (const r of results) {
      const key = `${r.policy}\u0000${r.rule}\u0000${r.status}`;
      const entry = this.#pendingResults.get(key);
      if (entry) entry.n++;
      else this.#pendingResults.set(key, { policy: r.policy, rule: r.rule, result: r.status, n: 1 });
    }
  }

  #flushResults(): void {
    for (const { policy, rule, result, n } of this.#pendingResults.values())
      this.ruleResults.inc({ policy, rule, result }, n);
    this.#pendingResults.clear();
  }
}
