// Kyverno: spec §10.2 — the Pod controller kinds auto-generation knows about, and kind-list helpers.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { parseKindSelector } from '../match/kind-selector.js';

/** The annotation that selects (or disables) the controllers rules are generated for. */
export const AUTOGEN_ANNOTATION = 'pod-policies.kyverno.io/autogen-controllers';

/** The CronJob controller: it gets its own `autogen-cronjob-<rule>` variant. */
export const CRONJOB = 'CronJob';

/** Default controllers when the policy has no annotation. */
export const POD_CONTROLLERS: readonly string[] = [
  'DaemonSet',
  'Deployment',
  'Job',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  CRONJOB,
];

/** Controllers whose pod template sits at `spec.template` (handled by the `autogen-<rule>` variant). */
export const TEMPLATE_CONTROLLERS: readonly string[] = POD_CONTROLLERS.filter((k) => k !== CRONJOB);

const GROUP_VERSION_KIND: Readonly<Record<string, string>> = {
  DaemonSet: 'apps/v1/DaemonSet',
  Deployment: 'apps/v1/Deployment',
  Job: 'batch/v1/Job',
  StatefulSet: 'apps/v1/StatefulSet',
  ReplicaSet: 'apps/v1/ReplicaSet',
  ReplicationController: 'v1/ReplicationController',
  CronJob: 'batch/v1/CronJob',
  Pod: 'v1/Pod',
};

/** Fully qualify known kinds (`Deployment` → `apps/v1/Deployment`); unknown kinds are kept as written. */
export function toGroupVersionKinds(kinds: readonly string[]): string[] {
  return kinds.map((k) => (Object.hasOwn(GROUP_VERSION_KIND, k) ? GROUP_VERSION_KIND[k] : k));
}

/** The string entries of a `kinds` list (anything else is ignored). */
export function kindList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

/** Whether some selector in the list names `kind` once group, version and subresource are stripped. */
export function containsKind(kinds: readonly string[], kind: string): boolean {
  return kinds.some((k) => parseKindSelector(k).kind === kind);
}

/** The resource descriptions of a match/exclude block: legacy `resources`, then `any[]`, then `all[]`. */
export function resourceDescriptions(block: JsonValue | undefined): JsonObject[] {
  if (!isObject(block)) return [];
  const filters = [...asArray(block.any), ...asArray(block.all)];
  const nested = filters.map((f) => (isObject(f) ? f.resources : undefined));
  return [block.resources, ...nested].filter(isObject);
}

/** All kinds named anywhere in a match/exclude block (Kyverno's `MatchResources.GetKinds`). */
export function blockKinds(block: JsonValue | undefined): string[] {
  return resourceDescriptions(block).flatMap((d) => kindList(d.kinds));
}

function asArray(v: JsonValue | undefined): JsonValue[] {
  return Array.isArray(v) ? v : [];
}
