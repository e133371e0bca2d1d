// What the checks found on one resource's pod, shared by every podSecurity rule evaluating the same object
// (several pod-security policies usually do). Sharing is safe because the engine never edits a resource in
// place (mutations build new objects, contexts copy on write), the checks are pure functions of the pod,
// and runChecks hands each rule fresh results whose errors it may edit.
import type { JsonObject } from '../json.js';
import { podOf } from './pod-template.js';
import type { PodView } from './pod-view.js';
import type { CheckOutcomes } from './run-checks.js';

/** A resource's pod (undefined for kinds without one) and the outcomes of the implementations run on it. */
export interface PodFindings {
  readonly pod: PodView | undefined;
  readonly outcomes: CheckOutcomes;
}

// Keyed by the resource object: an entry goes with the object, and what it holds depends on the object alone,
// never on the policies asking.
const byResource = new WeakMap<JsonObject, PodFindings>();

/** The findings of a resource object, created empty on first use. */
export function podFindings(resource: JsonObject): PodFindings {
  let findings = byResource.get(resource);
  if (!findings) {
    findings = { pod: podOf(resource), outcomes: [] };
    byResource.set(resource, findings);
  }
  return findings;
}
