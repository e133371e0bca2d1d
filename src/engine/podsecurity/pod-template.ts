// Where the pod lives in each supported kind, and how Kyverno rewrites field paths for reporting.
import type { JsonObject } from '../json.js';
import { obj, PodView } from './pod-view.js';

const TEMPLATE_KINDS = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** The pod (metadata + spec) a podSecurity rule checks; undefined for kinds without a pod spec. */
export function podOf(resource: JsonObject): PodView | undefined {
  const kind = resource.kind;
  if (kind === 'Pod') return new PodView(obj(resource, 'metadata') ?? {}, obj(resource, 'spec') ?? {});
  if (typeof kind === 'string' && TEMPLATE_KINDS.includes(kind)) {
    const template = obj(resource, 'spec', 'template');
    return new PodView(obj(template, 'metadata') ?? {}, obj(template, 'spec') ?? {});
  }
  if (kind === 'CronJob') {
    // Kyverno: spec §4.11 — the metadata checked is the job template's, not the pod template's.
    const jobTemplate = obj(resource, 'spec', 'jobTemplate');
    return new PodView(obj(jobTemplate, 'metadata') ?? {}, obj(jobTemplate, 'spec', 'template', 'spec') ?? {});
  }
  return undefined;
}

/**
 * A pod-relative field path as Kyverno reports it for the resource kind.
 * Kyverno: every occurrence of "spec" / "metadata" is replaced textually (its convertChecks), so
 * even Pods report metadata fields under "spec.template.metadata".
 */
export function reportedField(field: string, kind: unknown): string {
  let f = field;
  if (typeof kind === 'string' && TEMPLATE_KINDS.includes(kind)) f = f.split('spec').join('spec.template.spec');
  else if (kind === 'CronJob') f = f.split('spec').join('spec.jobTemplate.spec.template.spec');
  return f.split('metadata').join('spec.template.metadata');
}
