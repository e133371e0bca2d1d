// validate.podSecurity evaluation of one resource (spec §4.11), with PolicyException excludes (§11).
import type { JsonObject } from '../json.js';
import { compilePodSecurity, type CompiledPodSecurity } from './compiled-spec.js';
import { applyExclusions } from './exclusions.js';
import { failureMessage, reportedResults, toFailure } from './message.js';
import { newPodFindings, type PodFindings } from './pod-findings.js';
import { runChecks } from './run-checks.js';
import type { PodSecurityExclude, PodSecurityResult, PodSecuritySpec } from './types.js';

/**
 * Evaluate the Pod Security Standards on a Pod or pod controller; undefined when the resource has no
 * pod spec. `extraExcludes` (from PolicyExceptions) apply only to what the rule's excludes leave; `findings` are
 * the resource's, shared with the other rules of the request (see PodFindingsMemo).
 * Throws PodSecurityError for an unknown level or an unparsable version.
 */
export function evaluatePodSecurity(
  resource: JsonObject,
  spec: PodSecuritySpec,
  extraExcludes: readonly PodSecurityExclude[] = [],
  findings?: PodFindings,
): PodSecurityResult | undefined {
  return evaluateCompiledPodSecurity(resource, compilePodSecurity(spec), extraExcludes, findings);
}

/** evaluatePodSecurity for a spec compiled at load time (see compilePodSecurity). */
export function evaluateCompiledPodSecurity(
  resource: JsonObject,
  compiled: CompiledPodSecurity,
  extraExcludes: readonly PodSecurityExclude[] = [],
  findings: PodFindings = newPodFindings(resource),
): PodSecurityResult | undefined {
  const { pod, outcomes } = findings;
  if (!pod) return undefined;
  if ('error' in compiled) throw compiled.error;
  let results = runChecks(compiled.checks, pod, outcomes);
  results = applyExclusions(compiled.checks, compiled.excludes, results, pod);
  let exempted = false;
  if (results.length > 0 && extraExcludes.length > 0) {
    results = applyExclusions(compiled.checks, extraExcludes, results, pod);
    exempted = results.length === 0;
  }
  const reported = reportedResults(results, resource.kind);
  return {
    allowed: reported.length === 0,
    failures: reported.map(toFailure),
    message: reported.length === 0 ? '' : failureMessage(compiled.spec, reported),
    exempted,
  };
}
