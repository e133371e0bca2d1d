// The Ready condition on the cluster's policies: True once `tollgate serve` evaluates a policy, False (with the load
// error) when it refused it. Argo CD's health check for policies reads it, so a sync wave waits for policies that
// are really in force, and `kubectl get clusterpolicy` shows why one is not.
import type { KubeConfig } from '@kubernetes/client-node';
import {
  isObject,
  pluralResourceOf,
  restPath,
  type JsonObject,
  type LoadedPolicy,
  type PolicySet,
} from '../engine/index.js';
import { kubeRequest } from './kube-request.js';

/** A Kubernetes condition (metav1.Condition). */
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False';
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
  readonly lastTransitionTime: string;
}

/** One policy whose status must change: the status subresource's path and the new status. */
export interface StatusUpdate {
  readonly path: string;
  readonly status: JsonObject;
}

/** How the webhook's policy set sees the cluster's policies: the set in force and the objects it refused. */
export interface ServedPolicies {
  readonly policySet: PolicySet;
  readonly refused: readonly { readonly source: string; readonly message: string }[];
}

/**
 * The status writes that make each policy object's Ready condition say whether it is served; none for policies
 * whose condition already says so (a write is a watch event: writing only on change keeps the loop quiet).
 */
export function readyUpdates(objects: readonly JsonObject[], served: ServedPolicies, now: Date): StatusUpdate[] {
  const byIdentity = new Map<string, LoadedPolicy>();
  for (const p of served.policySet.policies) byIdentity.set(identity(p.kind, p.namespace, p.name), p);
  const refused = new Map(served.refused.map((r) => [r.source, r.message]));
  const updates: StatusUpdate[] = [];
  for (const o of objects) {
    const md = isObject(o.metadata) ? o.metadata : {};
    const kind = String(o.kind ?? '');
    if (kind.endsWith('PolicyException')) continue;
    const name = String(md.name ?? '');
    const namespace = typeof md.namespace === 'string' ? md.namespace : '';
    const error = refused.get(`cluster:${kind}/${namespace ? `${namespace}/` : ''}${name}`);
    const servedPolicy = byIdentity.get(identity(kind, namespace, name));
    const [status, reason, message] = error
      ? (['False', 'Failed', error] as const)
      : servedPolicy
        ? (['True', 'Succeeded', 'Ready'] as const)
        : (['False', 'NotEvaluated', `tollgate does not evaluate ${kind} policies`] as const);
    const generation = typeof md.generation === 'number' ? md.generation : undefined;
    const current = isObject(o.status) ? o.status : {};
    const conditions = Array.isArray(current.conditions) ? current.conditions.filter(isObject) : [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (
      ready &&
      ready.status === status &&
      ready.reason === reason &&
      ready.message === message &&
      ready.observedGeneration === generation
    )
      continue;
    const condition: Condition = {
      type: 'Ready',
      status,
      reason,
      message,
      ...(generation === undefined ? {} : { observedGeneration: generation }),
      // A condition's transition time changes only when its status does.
      lastTransitionTime:
        ready?.status === status && typeof ready.lastTransitionTime === 'string'
          ? ready.lastTransitionTime
          : now.toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    const path = restPath(String(o.apiVersion), pluralResourceOf(String(o.apiVersion), kind), namespace, name);
    updates.push({
      path: `${path}/status`,
      status: {
        ...current,
        // `ready` is the field Kyverno set before conditions; older health checks read it.
        ready: status === 'True',
        conditions: [...conditions.filter((c) => c.type !== 'Ready'), { ...condition }],
      },
    });
  }
  return updates;
}

function identity(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** Writes the Ready conditions; never throws (failed writes are logged and retried with the next change). */
export class PolicyStatusWriter {
  /** A writer using `kc`'s current context. */
  constructor(
    private readonly kc: KubeConfig,
    private readonly log: (message: string) => void,
  ) {}

  /** Apply `updates` through the status subresource (merge patch of `status`). */
  async write(updates: readonly StatusUpdate[]): Promise<void> {
    for (const u of updates) {
      const answer = await kubeRequest(
        this.kc,
        'PATCH',
        u.path,
        { status: u.status },
        'application/merge-patch+json',
      ).catch((e: unknown) => ({ status: 0, body: { message: (e as Error).message } }));
      if (answer.status < 200 || answer.status >= 300)
        this.log(`policy status not written to ${u.path}: HTTP ${answer.status} ${String(answer.body.message ?? '')}`);
    }
  }
}
