// validate.podSecurity evaluation of one resource (spec §4.11), with PolicyException excludes (§11).
import type { JsonObject } from '../json.js';
import { applyExclusions } from './exclusions.js';
import { failureMessage, reportedResults, toFailure } from './message.js';
import { podOf } from './pod-template.js';
import { runChecks } from './run-checks.js';
import {
  PodSecurityError,
  type PodSecurityExclude,
  type PodSecurityLevel,
  type PodSecurityResult,
  type PodSecuritySpec,
} from './types.js';
import { parseVersion, type PssVersion } from './version.js';

const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

/**
 * Evaluate the Pod Security Standards on a Pod or pod controller; undefined when the resource has no
 * pod spec. `extraExcludes` (from PolicyExceptions) apply only to what the rule's excludes leave.
 * Throws PodSecurityError for an unknown level or an unparsable version.
 */
export function evaluatePodSecurity(
  resource: JsonObject,
  spec: PodSecuritySpec,
  extraExcludes: readonly PodSecurityExclude[] = [],
): PodSecurityResult | undefined {
  const pod = podOf(resource);
  if (!pod) return undefined;
  const level = levelOf(spec);
  const version = versionOf(spec);
  let results = runChecks(level, version, pod);
  results = applyExclusions(level, version, Array.isArray(spec.exclude) ? spec.exclude : [], results, pod);
  let exempted = false;
  if (results.length > 0 && extraExcludes.length > 0) {
    results = applyExclusions(level, version, extraExcludes, results, pod);
    exempted = results.length === 0;
  }
  const reported = reportedResults(results, resource.kind);
  return {
    allowed: reported.length === 0,
    failures: reported.map(toFailure),
    message: reported.length === 0 ? '' : failureMessage(spec, reported),
    exempted,
  };
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
