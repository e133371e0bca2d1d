// Runs the registered checks on a pod the way Kyverno's evaluatePSS does.
import { PSS_CHECKS, type CheckFn, type PssCheck, type VersionedCheck } from './checks.js';
import type { CheckViolation, FieldError } from './field-error.js';
import type { PodView } from './pod-view.js';
import type { PodSecurityLevel } from './types.js';
import type { PssVersion } from './version.js';

/** One failed (versioned) check. `errors` is owned by the result and may be edited by exclusions. */
export interface CheckResult {
  readonly id: string;
  readonly reason: string;
  errors: FieldError[];
}

/** One implementation a compiled spec runs, with the check id it reports under. */
export interface PlannedCheck {
  readonly id: string;
  readonly run: CheckFn;
}

/** The implementations Kyverno runs for a check at a version. */
function applicableVersions(check: PssCheck, version: PssVersion): readonly VersionedCheck[] {
  if (version === 'latest') return check.versions.slice(-1);
  // Kyverno: spec §4.11 — a pinned version runs every implementation with a minimum version at or
  // below it (not just the newest one), so older, stricter variants still apply.
  return check.versions.filter((vc) => vc.minMinor <= version);
}

function levelApplies(check: PssCheck, level: PodSecurityLevel): boolean {
  if (level === 'privileged') return false;
  return level === 'restricted' || check.level === 'baseline';
}

/** The implementations a level and version run, in registry order (one per applicable version). */
export function selectChecks(level: PodSecurityLevel, version: PssVersion): PlannedCheck[] {
  return PSS_CHECKS.filter((check) => levelApplies(check, level)).flatMap((check) =>
    applicableVersions(check, version).map((vc) => ({ id: check.id, run: vc.run })),
  );
}

/** What each implementation already run on one pod found (null: it passed). */
export type CheckOutcomes = Map<CheckFn, CheckViolation | null>;

/**
 * Failed check results for the pod, in the order of `checks` (one per failing implementation).
 * With `outcomes` (of this same pod), an implementation already run is not run again.
 */
export function runChecks(checks: readonly PlannedCheck[], pod: PodView, outcomes?: CheckOutcomes): CheckResult[] {
  const out: CheckResult[] = [];
  for (const check of checks) {
    const violation = outcomes ? outcomeOf(check.run, pod, outcomes) : check.run(pod);
    if (violation) out.push({ id: check.id, reason: violation.reason, errors: [...violation.errors] });
  }
  return out;
}

function outcomeOf(run: CheckFn, pod: PodView, outcomes: CheckOutcomes): CheckViolation | undefined {
  let outcome = outcomes.get(run);
  if (outcome === undefined) {
    outcome = run(pod) ?? null;
    outcomes.set(run, outcome);
  }
  return outcome ?? undefined;
}
