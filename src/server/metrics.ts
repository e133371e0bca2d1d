// Prometheus metrics of the webhook.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { type RuleResult } from '../engine/index.js';
import { wouldBlock, type FailurePolicyOf } from '../report/would-block.js';
import type { AdmissionOutcome } from './admission/index.js';
import type { PolicyView } from './policy-store.js';
import { ReviewDurations } from './review-durations.js';

/** Upper bounds of the review duration buckets, in seconds. */
const REVIEW_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** The webhook's metrics, in their own registry. */
export class WebhookMetrics {
  readonly registry = new Registry();
  readonly duration = new ReviewDurations(
    'tollgate_admission_review_duration_seconds',
    'Time to answer an admission review',
    REVIEW_DURATION_BUCKETS,
  );
  // Counted in plain maps per request and handed to prom-client when scraped, like the rule results below.
  readonly #pendingRequests = new PendingPairCounts<string, number>();
  readonly requests: Counter<'webhook' | 'code'> = new Counter({
    name: 'tollgate_admission_requests_total',
    help: 'Admission reviews received',
    labelNames: ['webhook', 'code'] as const,
    registers: [this.registry],
    collect: () => this.#pendingRequests.flush((webhook, code, n) => this.requests.inc({ webhook, code }, n)),
  });
  // Rule results are counted in plain nested maps on the hot path (no label objects, no key strings) and handed to
  // prom-client when scraped: a review yields dozens of results, and labelled increments cost more than the
  // evaluation of a simple rule.
  readonly #pendingResults = new Map<string, Map<string, Map<string, number>>>();
  readonly ruleResults: Counter<'policy' | 'rule' | 'result'> = new Counter({
    name: 'tollgate_rule_results_total',
    help: 'Rule results by policy, rule and result',
    labelNames: ['policy', 'rule', 'result'] as const,
    registers: [this.registry],
    collect: () => this.#flushResults(),
  });
  // Only admitted, non-dry-run requests count, like the admission reports: a denied request is blocked already, and
  // dry runs (kubectl diff, Argo CD's server-side diff) repeat real changes. Background scans re-evaluate every
  // resource each time, so they are not counted.
  // Counted like the rule results: in plain maps per review, handed to prom-client when scraped.
  readonly #pendingWouldBlock = new PendingPairCounts<string, string>();
  readonly auditWouldBlock: Counter<'policy' | 'namespace'> = new Counter({
    name: 'tollgate_audit_would_block_total',
    help:
      'Admitted requests (dry runs excluded) that Enforce would deny, once per request and Audit policy; ' +
      'background scans are not counted (their report results carry tollgate.dev/would-block)',
    labelNames: ['policy', 'namespace'] as const,
    registers: [this.registry],
    collect: () =>
      this.#pendingWouldBlock.flush((policy, namespace, n) => this.auditWouldBlock.inc({ policy, namespace }, n)),
  });
  // Gauges are read from the policies when scraped. Summed over `serve --workers` they would count each policy once
  // per worker: every worker holds the same set, so the aggregate is the largest value.
  readonly policies: Gauge = new Gauge({
    name: 'tollgate_policies_loaded',
    help: 'Policies in force',
    registers: [this.registry],
    aggregator: 'max',
    collect: () => this.policies.set(this.store?.current?.policySet.policies.length ?? 0),
  });
  readonly reloadFailing: Gauge = new Gauge({
    name: 'tollgate_policy_reload_failing',
    help: '1 while the latest policy reload failed and the previous set is still in force',
    registers: [this.registry],
    aggregator: 'max',
    collect: () => this.reloadFailing.set(this.store?.reloadError ? 1 : 0),
  });

  /** `store`: the policies the gauges describe (none: they stay 0). */
  constructor(private readonly store?: PolicyView) {
    this.registry.registerMetric(this.duration.asMetric());
    collectDefaultMetrics({ register: this.registry, prefix: 'tollgate_' });
  }

  /** Count one admission request by webhook and HTTP status. */
  countRequest(webhook: string, code: number): void {
    this.#pendingRequests.add(webhook, code);
  }

  /** Record how long an answered review took. */
  observeDuration(webhook: string, kind: string, operation: string, allowed: boolean, seconds: number): void {
    this.duration.observe(webhook, kind, operation, allowed, seconds);
  }

  /** Count the rule results of one review. */
  recordResults(results: readonly RuleResult[]): void {
    for (const r of results) {
      let rules = this.#pendingResults.get(r.policy);
      if (!rules) this.#pendingResults.set(r.policy, (rules = new Map()));
      let statuses = rules.get(r.rule);
      if (!statuses) rules.set(r.rule, (statuses = new Map()));
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
  }

  /** Count a validate review once for each policy whose Audit results Enforce would deny (see `auditWouldBlock`). */
  recordWouldBlock(
    outcome: Pick<AdmissionOutcome, 'allowed' | 'dryRun' | 'results'>,
    failurePolicyOf: FailurePolicyOf,
  ): void {
    if (!outcome.allowed || outcome.dryRun) return;
    let counted: Set<string> | undefined;
    for (const r of outcome.results) {
      if (counted?.has(r.policy) || !wouldBlock(r, failurePolicyOf)) continue;
      (counted ??= new Set()).add(r.policy);
      this.#pendingWouldBlock.add(r.policy, r.resource.namespace);
    }
  }

  #flushResults(): void {
    for (const [policy, rules] of this.#pendingResults)
      for (const [rule, statuses] of rules)
        for (const [result, n] of statuses) {
          if (n === 0) continue;
          this.ruleResults.inc({ policy, rule, result }, n);
          statuses.set(result, 0); // keep the entry: the same results come back with the next reviews
        }
  }
}

/** Counts by two label values, kept in nested maps until a scrape hands them to prom-client. */
class PendingPairCounts<A extends string | number, B extends string | number> {
  readonly #counts = new Map<A, Map<B, number>>();

  /** Count one more for `a`, `b`. */
  add(a: A, b: B): void {
    let byB = this.#counts.get(a);
    if (!byB) this.#counts.set(a, (byB = new Map()));
    byB.set(b, (byB.get(b) ?? 0) + 1);
  }

  /** Hand each count made since the last flush to `inc`, label values as text. */
  flush(inc: (a: string, b: string, n: number) => void): void {
    for (const [a, byB] of this.#counts)
      for (const [b, n] of byB) {
        if (n === 0) continue;
        inc(String(a), String(b), n);
        byB.set(b, 0); // keep the entry: the same labels come back with the next reviews
      }
  }
}
