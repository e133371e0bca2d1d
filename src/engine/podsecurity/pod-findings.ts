// What the checks found on one resource's pod, shared by every podSecurity rule evaluating the same object
// (several pod-security policies usually do). Sharing is safe because the engine never edits a resource in
// place (mutations build new objects, contexts copy on write), the checks are pure functions of the pod,
// and runChecks hands each rule fresh results whose errors it may edit.
import type { JsonObject } from '../json.js';
import { SmallMap } from '../primitives/small-map.js';
import { podOf } from './pod-template.js';
import type { PodView } from './pod-view.js';
import type { CheckOutcomes } from './run-checks.js';

/** A resource's pod (undefined for kinds without one) and the outcomes of the implementations run on it. */
export interface PodFindings {
  readonly pod: PodView | undefined;
  readonly outcomes: CheckOutcomes;
}

/** The findings of one resource object, empty until checks run on it. */
export function newPodFindings(resource: JsonObject): PodFindings {
  return { pod: podOf(resource), outcomes: [] };
}

/**
 * The findings of the resource objects of one request, shared by its rules. Made per request and gone with it: a
 * run over a whole repository keeps every resource, and must not keep every resource's findings with it.
 */
export class PodFindingsMemo {
  // Keyed by the resource object: what an entry holds depends on the object alone, never on the policies asking.
  readonly #byResource = new SmallMap<JsonObject, PodFindings>();

  /** The findings of `resource`, created empty on first use. */
  of(resource: JsonObject): PodFindings {
    let findings = this.#byResource.get(resource);
    if (!findings) this.#byResource.set(resource, (findings = newPodFindings(resource)));
    return findings;
  }
}
