// Runs the registered checks on a pod the way Kyverno's evaluatePSS does.
import { PSS_CHECKS, type CheckFn, type PssCheck } from './checks.js';
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
  /** The implementation's position among all registered ones: its place in a pod's CheckOutcomes. */
  readonly slot: number;
}

/** Whether Kyverno runs a check's `index`-th implementation at a version. */
function versionApplies(check: PssCheck, index: number, version: PssVersion): boolean {
  if (version === 'latest') return index === check.versions.length - 1;
  // Kyverno: spec §4.11 — a pinned version runs every implementation with a minimum version at or
  // below it (not just the newest one), so older, stricter variants still apply.
  return check.versions[index].minMinor <= version;
}

function levelApplies(check: PssCheck, level: PodSecurityLevel): boolean {
  if (level === 'privileged') return false;
  return level === 'restricted' || check.level === 'baseline';
}

/** The implementations a level and version run, in registry order (one per applicable version). */
export function selectChecks(level: PodSecurityLevel, version: PssVersion): PlannedCheck[] {
  const out: PlannedCheck[] = [];
  let slot = 0;
  for (const check of PSS_CHECKS) {
    check.versions.forEach((vc, index) => {
      if (levelApplies(check, level) && versionApplies(check, index, version))
        out.push({ id: check.id, run: vc.run, slot });
      slot++;
    });
  }
  return out;
}

/** What each implementation already run on one pod found, by slot (null: it passed; unset: not run yet). */
export type CheckOutcomes = (CheckViolation | null | undefined)[];

/**
 * Failed check results for the pod, in the order of `checks` (one per failing implementation).
 * With `outcomes` (of this same pod), an implementation already run is not run again.
 */
export function runChecks(checks: readonly PlannedCheck[], pod: PodView, outcomes?: CheckOutcomes): CheckResult[] {
  const out: CheckResult[] = [];
  for (const check of checks) {
    const violation = outcomes ? outcomeOf(check, pod, outcomes) : check.run(pod);
    if (violation) out.push({ id: check.id, reason: violation.reason, errors: [...violation.errors] });
  }
  return out;
}

function outcomeOf(check: PlannedCheck, pod: PodView, outcomes: CheckOutcomes): CheckViolation | undefined {
  let outcome = outcomes[check.slot];
  if (outcome === undefined) {
    outcome = check.run(pod) ?? null;
    outcomes[check.slot] = outcome;
  }
  return outcome ?? undefined;
}
