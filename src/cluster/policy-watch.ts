// Keeps `tollgate serve` supplied with the cluster's Kyverno policies and exceptions as they change.
import type { KubeConfig } from '@kubernetes/client-node';
import { POLICY_KINDS as LOADED_KINDS, type JsonObject } from '../engine/index.js';
import { KubeCluster, type Backoff, type KindSpec } from './kube-cluster.js';
import { discoverResources } from './discovery.js';

/** The policy kinds `tollgate serve` enforces. */
export const POLICY_KINDS: readonly KindSpec[] = [
  { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', plural: 'clusterpolicies', namespaced: false },
  { apiVersion: 'kyverno.io/v1', kind: 'Policy', plural: 'policies', namespaced: true },
  { apiVersion: 'kyverno.io/v2', kind: 'PolicyException', plural: 'policyexceptions', namespaced: true },
];

/** The policies.kyverno.io kinds, watched when the API server serves them (their CRDs are optional). */
export const CEL_POLICY_KINDS: ReadonlySet<string> = new Set(
  LOADED_KINDS.flatMap((k) => k.kinds)
    .filter((k) => k.group === 'policies.kyverno.io')
    .map((k) => k.kind),
);

/** Tuning for watchPolicies; the defaults suit a real cluster. */
export interface PolicyWatchOptions {
  readonly debounceMs?: number;
  readonly log?: (m: string) => void;
  readonly backoff?: Backoff;
}

/** A running policy watch. */
export interface PolicyWatch {
  /** Stop watching; no onChange call follows. */
  stop(): void;
}

/**
 * LIST+WATCH ClusterPolicy, Policy and PolicyException (and the policies.kyverno.io kinds the API server serves), calling `onChange` with the full current set
 * once after the initial LIST (before it resolves) and after each later burst of changes (debounced). Rejects when
 * the initial LIST fails.
 */
export async function watchPolicies(
  kc: KubeConfig,
  onChange: (docs: JsonObject[]) => void,
  opts: PolicyWatchOptions = {},
): Promise<PolicyWatch> {
  const debounceMs = opts.debounceMs ?? 200;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const cluster: KubeCluster = new KubeCluster(kc, {
    kinds: [...POLICY_KINDS, ...(await servedCelKinds(kc, opts.log ?? (() => {})))],
    log: opts.log,
    backoff: opts.backoff,
    onChange: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => !stopped && onChange(cluster.all()), debounceMs);
    },
  });
  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    cluster.stop();
  };
  await cluster.start().catch((err: unknown) => {
    stop();
    throw err;
  });
  // The initial set is delivered before this resolves, so the caller can serve with it at once; only later
  // changes are debounced.
  if (timer !== undefined) clearTimeout(timer);
  onChange(cluster.all());
  return { stop };
}

// The CEL policy kinds at the version the API server prefers; none when their CRDs are not installed or discovery
// fails (the classic kinds are still watched).
async function servedCelKinds(kc: KubeConfig, log: (m: string) => void): Promise<KindSpec[]> {
  try {
    const served = await discoverResources(kc, log);
    return [...served.values()].filter(
      (s) => s.apiVersion.startsWith('policies.kyverno.io/') && CEL_POLICY_KINDS.has(s.kind),
    );
  } catch (e) {
    log(`CEL policy kinds not watched: API discovery failed: ${(e as Error).message}`);
    return [];
  }
}
