// Reading the cluster for the CLI: the kubeconfig (--kubeconfig, --context), the PolicyReports and
// ClusterPolicyReports the API server holds, and its Namespaces (their labels name owning teams); failures become
// one-line UserErrors naming the server.
import type { KubeConfig } from '@kubernetes/client-node';
import type { JsonObject } from '../../engine/index.js';
import { hasWildcard } from '../../engine/index.js';
import type { KubeApiError } from '../../cluster/kube-list.js';
import { errorLine, UserError } from '../errors.js';

/** Where the cluster is: a kubeconfig file (default: $KUBECONFIG, ~/.kube/config, in-cluster) and a context. */
export interface ClusterTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Read only this namespace's PolicyReports (a name without wildcards). */
  readonly namespace?: string;
}

const WG_API = '/apis/wgpolicyk8s.io/v1alpha2';

/** LIST PolicyReports (of one namespace when `namespace` names exactly one) and ClusterPolicyReports. */
export async function listClusterReports(opts: ClusterTarget): Promise<JsonObject[]> {
  // The Kubernetes client is loaded only for --cluster.
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { KubeApiError, listAll } = await import('../../cluster/kube-list.js');
  const kc = loadKubeConfig(new KubeConfig(), opts);
  const server = kc.getCurrentCluster()?.server ?? '';
  const ns = opts.namespace && !hasWildcard(opts.namespace) ? opts.namespace : undefined;
  const sources = [
    {
      kind: 'PolicyReport',
      path: ns ? `${WG_API}/namespaces/${encodeURIComponent(ns)}/policyreports` : `${WG_API}/policyreports`,
    },
    { kind: 'ClusterPolicyReport', path: `${WG_API}/clusterpolicyreports` },
  ];
  const reports: JsonObject[] = [];
  for (const { kind, path } of sources) {
    const { items } = await listAll(kc, path).catch((e: unknown) => {
      throw clusterError(e, server, kind, KubeApiError);
    });
    // List items may come without apiVersion and kind; the collection says what they are.
    reports.push(...items.map((item) => ({ apiVersion: 'wgpolicyk8s.io/v1alpha2', kind, ...item })));
  }
  return reports;
}

/** LIST the cluster's Namespaces (with `kind` set, as teamLookup and namespace selectors expect). */
export async function listClusterNamespaces(opts: ClusterTarget): Promise<JsonObject[]> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { KubeApiError, listAll } = await import('../../cluster/kube-list.js');
  const kc = loadKubeConfig(new KubeConfig(), opts);
  const { items } = await listAll(kc, '/api/v1/namespaces').catch((e: unknown) => {
    throw clusterError(e, kc.getCurrentCluster()?.server ?? '', 'Namespace', KubeApiError);
  });
  return items.map((item) => ({ apiVersion: 'v1', kind: 'Namespace', ...item }));
}

/** The kubeconfig `opts` names, at its context; UserError when unusable. */
export function loadKubeConfig(kc: KubeConfig, opts: ClusterTarget): KubeConfig {
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new UserError(`cannot load the kubeconfig${opts.kubeconfig ? ` ${opts.kubeconfig}` : ''}: ${errorLine(e)}`);
  }
  if (opts.context) {
    if (!kc.getContextObject(opts.context)) throw new UserError(`the kubeconfig has no context "${opts.context}"`);
    kc.setCurrentContext(opts.context);
  }
  if (!kc.getCurrentCluster()) throw new UserError('the kubeconfig has no current cluster; choose one with --context');
  return kc;
}

function clusterError(e: unknown, server: string, kind: string, apiError: typeof KubeApiError): UserError {
  if (e instanceof apiError && e.statusCode === 404 && kind.endsWith('PolicyReport'))
    return new UserError(`${server} does not serve ${kind} (${WG_API}): is the wgpolicyk8s.io CRD installed?`);
  if (e instanceof apiError) return new UserError(`cannot list ${kind} at ${server}: ${errorLine(e)}`);
  return new UserError(`cannot reach the API server at ${server}: ${errorLine(e)}`);
}
