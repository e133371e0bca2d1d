// Kyverno: spec §6.5 — where the pod spec and the pod metadata live in Pods and Pod controllers.

/** Paths (as key lists) to the pod spec and the pod metadata inside a resource. */
export interface PodSpecPaths {
  podSpec: string[];
  metadata: string[];
}

const POD: PodSpecPaths = { podSpec: ['spec'], metadata: ['metadata'] };
const TEMPLATE: PodSpecPaths = { podSpec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] };
const JOB_TEMPLATE: PodSpecPaths = {
  podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

// Keyed by kind only, like Kyverno's image extractors (the API group is not checked).
const BY_KIND: ReadonlyMap<string, PodSpecPaths> = new Map([
  ['Pod', POD],
  ['DaemonSet', TEMPLATE],
  ['Deployment', TEMPLATE],
  ['Job', TEMPLATE],
  ['ReplicaSet', TEMPLATE],
  ['ReplicationController', TEMPLATE],
  ['StatefulSet', TEMPLATE],
  ['CronJob', JOB_TEMPLATE],
]);

/** Where the pod spec and pod metadata of a Pod / Pod controller / CronJob live; undefined for other kinds. */
export function podSpecPaths(kind: string): PodSpecPaths | undefined {
  const paths = BY_KIND.get(kind);
  // Fresh arrays: callers may extend them without touching the shared table.
  return paths && { podSpec: [...paths.podSpec], metadata: [...paths.metadata] };
}
