// Kyverno: spec §9.3 — the labels Kyverno stamps on downstream resources and on clone sources.
import { isObject, type JsonObject } from '../json.js';
import { splitApiVersion } from '../match/kind-selector.js';
import { labelsOf } from './metadata.js';
import type { GeneratePolicyInfo, GenerateTrigger } from './types.js';

/** Set to `kyverno` on every downstream resource. */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
/** Set to `""` on every clone source (and, through the copy, on its clones). */
export const LABEL_CLONE_SOURCE = 'generate.kyverno.io/clone-source';
const PREFIX = 'generate.kyverno.io/';

/** Set managed-by, policy-name, policy-namespace, rule-name and the trigger-* labels, overwriting earlier values. */
export function applyDownstreamLabels(obj: JsonObject, trigger: GenerateTrigger, policy: GeneratePolicyInfo): void {
  const labels = labelsOf(obj);
  // Kyverno: managed-by is forced, even when data sets another value.
  labels[LABEL_MANAGED_BY] = 'kyverno';
  labels[`${PREFIX}policy-name`] = policy.name;
  labels[`${PREFIX}policy-namespace`] = policy.namespace;
  labels[`${PREFIX}rule-name`] = policy.rule;
  const t = identityOf(trigger.resource);
  labels[`${PREFIX}trigger-version`] = t.version;
  labels[`${PREFIX}trigger-group`] = t.group;
  labels[`${PREFIX}trigger-kind`] = t.kind;
  labels[`${PREFIX}trigger-namespace`] = t.namespace;
  labels[`${PREFIX}trigger-uid`] = trigger.uid ?? t.uid;
}

/** Record where a clone came from: source-group, -version, -kind, -namespace and -uid. */
export function applyCloneSourceLabels(copy: JsonObject, source: JsonObject): void {
  const labels = labelsOf(copy);
  const s = identityOf(source);
  labels[`${PREFIX}source-group`] = s.group;
  labels[`${PREFIX}source-version`] = s.version;
  labels[`${PREFIX}source-kind`] = s.kind;
  labels[`${PREFIX}source-namespace`] = s.namespace;
  labels[`${PREFIX}source-uid`] = s.uid;
}

/** The clone source with `generate.kyverno.io/clone-source: ""` added, or undefined when it already has it. */
export function tagCloneSource(source: JsonObject): JsonObject | undefined {
  const md = isObject(source.metadata) ? source.metadata : {};
  if (isObject(md.labels) && md.labels[LABEL_CLONE_SOURCE] === '') return undefined;
  const tagged = structuredClone(source);
  labelsOf(tagged)[LABEL_CLONE_SOURCE] = '';
  return tagged;
}

function identityOf(obj: JsonObject): { group: string; version: string; kind: string; namespace: string; uid: string } {
  const md = isObject(obj.metadata) ? obj.metadata : {};
  const { group, version } = splitApiVersion(String(obj.apiVersion ?? ''));
  return {
    group,
    version,
    kind: String(obj.kind ?? ''),
    namespace: String(md.namespace ?? ''),
    uid: String(md.uid ?? ''),
  };
}
