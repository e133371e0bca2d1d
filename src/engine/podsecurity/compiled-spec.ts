// A validate.podSecurity block compiled once at policy load: level and version parsed, checks selected.
import { selectChecks, type PlannedCheck } from './run-checks.js';
import { PodSecurityError, type PodSecurityExclude, type PodSecurityLevel, type PodSecuritySpec } from './types.js';
import { parseVersion, type PssVersion } from './version.js';

/** A spec ready to evaluate, or the error evaluating it raises (reported only for resources with a pod). */
export type CompiledPodSecurity =
  | {
      readonly spec: PodSecuritySpec;
      readonly level: PodSecurityLevel;
      readonly version: PssVersion;
      /** The implementations the level and version run, in registry order. */
      readonly checks: readonly PlannedCheck[];
      /** The rule's own excludes (a non-list reads as none). */
      readonly excludes: readonly PodSecurityExclude[];
    }
  | { readonly spec: PodSecuritySpec; readonly error: Error };

const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

/** Compile a podSecurity block; never throws — an unusable spec keeps its error for evaluation time. */
export function compilePodSecurity(spec: PodSecuritySpec): CompiledPodSecurity {
  try {
    const level = levelOf(spec);
    const version = versionOf(spec);
    const excludes = Array.isArray(spec.exclude) ? spec.exclude : [];
    return { spec, level, version, checks: selectChecks(level, version), excludes };
  } catch (e) {
    // Kept whole (a TypeError included) so evaluation reports exactly what it did when it parsed per call.
    return { spec, error: e as Error };
  }
}

function levelOf(spec: PodSecuritySpec): PodSecurityLevel {
  if (typeof spec.level === 'string' && LEVELS.includes(spec.level)) return spec.level;
  throw new PodSecurityError(`unknown pod security level "${String(spec.level)}"`);
}

function versionOf(spec: PodSecuritySpec): PssVersion {
  const v = typeof spec.version === 'string' || spec.version === undefined ? parseVersion(spec.version) : undefined;
  if (v === undefined)
    throw new PodSecurityError('failed to parse pod security api version: must be "latest" or "v1.x"');
  return v;
}
