// Kyverno: spec §10.2 — which controllers a policy's rules are generated for.
import { getOwn, isObject, type JsonObject } from '../json.js';
import { AUTOGEN_ANNOTATION, CRONJOB, POD_CONTROLLERS, TEMPLATE_CONTROLLERS } from './kinds.js';

/** Marker for "no auto-generation" (ineligible policy or annotation `none`). */
export const NO_CONTROLLERS = 'none';

/**
 * The controller selection as Kyverno holds it: `{none}` when the policy is ineligible, the default
 * controllers without annotation, else the annotation split on commas (entries are not trimmed).
 */
export function selectedControllers(policy: JsonObject, eligible: boolean): Set<string> {
  if (!eligible) return new Set([NO_CONTROLLERS]);
  const annotation = policyAnnotation(policy);
  if (annotation === undefined) return new Set(POD_CONTROLLERS);
  return new Set(annotation.split(','));
}

function policyAnnotation(policy: JsonObject): string | undefined {
  const metadata = getOwn(policy, 'metadata');
  const annotations = isObject(metadata) ? getOwn(metadata, 'annotations') : undefined;
  const value = isObject(annotations) ? getOwn(annotations, AUTOGEN_ANNOTATION) : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Split a comma-separated controller string and sort it (Kyverno sorts byte-wise). */
export function splitKinds(controllers: string): string[] {
  return controllers.split(',').sort();
}

/** The controller string without CronJob ('' when nothing else remains). */
export function stripCronJob(controllers: string): string {
  return splitKinds(controllers)
    .filter((c) => c !== CRONJOB)
    .join(',');
}

/** Whether the CronJob variant is generated; Kyverno tests substrings, so `all` also selects it. */
export function selectsCronJob(controllers: string): boolean {
  return controllers.includes(CRONJOB) || controllers.includes('all');
}

/**
 * The kinds of the `autogen-<rule>` variant: `all` means every template controller; otherwise the
 * standard controllers listed, or — only when none is listed — the entries as written (e.g. `CloneSet`).
 */
export function templateControllerKinds(controllers: string): string[] {
  if (controllers === 'all') return [...TEMPLATE_CONTROLLERS].sort();
  const listed = splitKinds(controllers);
  if (controllers === NO_CONTROLLERS) return listed;
  const standard = listed.filter((c) => TEMPLATE_CONTROLLERS.includes(c));
  return standard.length > 0 ? standard : listed;
}
