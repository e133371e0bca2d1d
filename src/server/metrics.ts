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
  readonly ruleResults = new Counter({
    name: 'tollgate_rule_results_total',
    help: 'Rule results by policy, rule and result',
    labelNames: ['policy', 'rule', 'result'] as const,
    registers: [this.registry],
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
    for (const r of results) this.ruleResults.inc({ policy: r.policy, rule: r.rule, result: r.status });
  }
}
