// Kyverno: spec §11.2 — which exceptions apply to a rule evaluation.
import { wildcardMatch } from '../primitives/wildcard.js';
import { matchSelects, type MatchSubject } from '../match/match.js';
import { evaluateConditions } from '../conditions/conditions.js';
import type { JsonValue } from '../json.js';
import type { CompiledException } from './exception.js';

const NO_CANDIDATES: readonly CompiledException[] = [];

/** Exceptions indexed by the policy key they name. */
export class ExceptionIndex {
  readonly #byPolicy = new Map<string, CompiledException[]>();

  constructor(readonly all: readonly CompiledException[]) {
    for (const e of all)
      for (const entry of e.entries) {
        const list = this.#byPolicy.get(entry.policyName) ?? [];
        if (!list.includes(e)) list.push(e);
        this.#byPolicy.set(entry.policyName, list);
      }
  }

  /** Exceptions naming this policy and a rule-name pattern matching `rule`. */
  candidates(policyKey: string, rule: string): readonly CompiledException[] {
    // Asked for every rule of every request: most policies have no exception, and they allocate nothing.
    const named = this.#byPolicy.get(policyKey);
    if (!named) return NO_CANDIDATES;
    return named.filter((e) =>
      e.entries.some((entry) => entry.policyName === policyKey && entry.ruleNames.some((r) => wildcardMatch(r, rule))),
    );
  }

  /** Policy names exceptions refer to (to warn about unknown policies). */
  policyNames(): string[] {
    return [...this.#byPolicy.keys()];
  }
}

/** The applicable exceptions, and those that would apply but have expired. */
export interface ExceptionDecision {
  readonly applied: readonly CompiledException[];
  readonly expired: readonly CompiledException[];
}

/** The decision when no exception names the rule (most rules): one shared value. */
export const NO_EXCEPTIONS: ExceptionDecision = Object.freeze({ applied: [], expired: [] });

/** Decide which candidates apply: match selects the resource, conditions hold (errors mean "does not apply"), not expired. */
export function applicableExceptions(
  candidates: readonly CompiledException[],
  subject: MatchSubject,
  substitute: (v: JsonValue) => JsonValue,
  now: Date,
): ExceptionDecision {
  const applied: CompiledException[] = [];
  const expired: CompiledException[] = [];
  for (const e of candidates) {
    if (!matchSelects(e.match, subject)) continue;
    if (e.conditions) {
      try {
        if (!evaluateConditions(e.conditions, substitute).result) continue;
      } catch {
        continue;
      }
    }
    if (e.expires && now.getTime() >= e.expires.getTime()) expired.push(e);
    else applied.push(e);
  }
  return { applied, expired };
}

/** Kyverno's skip message (no space before the first key, spec Appendix A item 13). */
export function exceptionSkipMessage(applied: readonly CompiledException[]): string {
  return `rule is skipped due to policy exceptions${applied.map((e) => e.key).join(', ')}`;
}

/** What a result says when an exception no longer applies. */
export function expiredNote(expired: readonly CompiledException[]): string {
  return expired.map((e) => `policy exception ${e.key} expired on ${e.expires!.toISOString()}`).join('; ');
}
