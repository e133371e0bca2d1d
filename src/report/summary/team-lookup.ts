// Owning teams: reports carry only resource references, so the team comes from the objects themselves.
import { isObject, type JsonObject } from '../../engine/index.js';
import type { ReportResource } from './report-findings.js';

/** The label that names the owning team of a resource or namespace. */
export const TEAM_LABEL = 'team';

/** Looks up the owning team of a reported resource. */
export type TeamOf = (resource: ReportResource) => string | undefined;

/** A lookup from known objects: the resource's own `team` label, else its Namespace's, else undefined. */
export function teamLookup(objects: readonly JsonObject[]): TeamOf {
  const byResource = new Map<string, string>();
  const byNamespace = new Map<string, string>();
  for (const o of objects) {
    const meta = isObject(o.metadata) ? o.metadata : {};
    const team = isObject(meta.labels) ? meta.labels[TEAM_LABEL] : undefined;
    if (typeof team !== 'string' || typeof meta.name !== 'string') continue;
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    byResource.set(resourceKey(String(o.kind), namespace, meta.name), team);
    if (o.kind === 'Namespace') byNamespace.set(meta.name, team);
  }
  return (r) =>
    byResource.get(resourceKey(r.kind, r.namespace ?? '', r.name)) ??
    (r.kind === 'Namespace' ? undefined : byNamespace.get(r.namespace ?? ''));
}

function resourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}
