// Runs the registered checks on a pod the way Kyverno's evaluatePSS does.
import { PSS_CHECKS, type PssCheck, type VersionedCheck } from './checks.js';
import type { FieldError } from './field-error.js';
import type { PodView } from './pod-view.js';
import type { PodSecurityLevel } from './types.js';
import type { PssVersion } from './version.js';

/** One failed (versioned) check. `errors` is owned by the result and may be edited by exclusions. */
export interface CheckResult {
  readonly id: string;
  readonly reason: string;
  errors: FieldError[];
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

/** Failed check results for the pod, in registry order (one per failing implementation). */
export function runChecks(level: PodSecurityLevel, version: PssVersion, pod: PodView): CheckResult[] {
  const out: CheckResult[] = [];
  for (const check of PSS_CHECKS) {
    if (!levelApplies(check, level)) continue;
    for (const vc of applicableVersions(check, version)) {
      const violation = vc.run(pod);
      if (violation) out.push({ id: check.id, reason: violation.reason, errors: [...violation.errors] });
    }
  }
  return out;
}
