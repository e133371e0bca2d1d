// The two sides of a rollout, read into the join's inputs: Git (the check engine on the rendered repository) and
// the cluster (PolicyReports, and the live objects themselves when they are at hand).
import { isObject, type JsonObject, type PolicyValidationMode, type SourceDocument } from '../engine/index.js';
import type { CheckFinding } from '../report/check-model.js';
import type { ReportFinding } from '../report/summary/report-findings.js';
import type { ClusterResult, GitResource, GitResult, PolicyUnderRollout } from './join.js';
import type { ResourceRef } from './model.js';

/** The policies a rollout is about: Audit ones, and Enforce ones that still audit somewhere (overrides). */
export function policiesUnderRollout(modes: readonly PolicyValidationMode[]): PolicyUnderRollout[] {
  return modes
    .filter((m) => m.mode === 'Audit' || m.overridden)
    .map((m) => ({
      policy: m.policy.key,
      kind: m.policy.kind,
      mode: m.mode,
      failurePolicy: m.policy.admission.failurePolicy,
      // Namespace labels are not known offline; overrides by namespaceSelector read none.
      actionIn: (rule, namespace) => m.actionIn(rule, namespace, {}),
    }));
}

/** The Git side of a check run: every rendered resource, and the validate results located in the repository. */
export function gitSide(
  rendered: readonly { readonly source: SourceDocument; readonly application?: string }[],
  findings: readonly CheckFinding[],
): { resources: GitResource[]; results: GitResult[] } {
  const resources = rendered.map(({ source, application }) => ({
    resource: refOf(source.value as JsonObject),
    file: source.pos.file,
    line: source.pos.line,
    ...(application ? { application } : {}),
  }));
  const results = findings.map((f) => ({
    policy: f.policy,
    rule: f.rule,
    resource: f.resource,
    status: f.result,
    message: f.message,
    file: f.file,
    line: f.line,
  }));
  return { resources, results };
}

/** Cluster results from PolicyReport findings (wgpolicyk8s.io or OpenReports); findings naming no resource are skipped. */
export function clusterResults(findings: readonly ReportFinding[]): ClusterResult[] {
  return findings.flatMap((f) =>
    f.resource
      ? [
          {
            policy: f.policy,
            rule: f.rule,
            resource: {
              apiVersion: f.resource.apiVersion,
              kind: f.resource.kind,
              namespace: f.resource.namespace ?? f.namespace,
              name: f.resource.name,
            },
            status: f.result,
            message: f.message,
            ...(f.timestamp ? { seen: f.timestamp } : {}),
          },
        ]
      : [],
  );
}

const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const TRACKING_ID = 'argocd.argoproj.io/tracking-id';

/**
 * The Application that manages a live object, as Argo CD marks it: the tracking-id annotation
 * (`<app>:<group>/<kind>:<namespace>/<name>`, the app possibly `<namespace>_<name>`) or the instance label.
 */
export function trackingApplication(o: JsonObject): string | undefined {
  const meta = isObject(o.metadata) ? o.metadata : {};
  const annotations = isObject(meta.annotations) ? meta.annotations : {};
  const id = annotations[TRACKING_ID];
  if (typeof id === 'string' && id.includes(':')) {
    const app = id.slice(0, id.indexOf(':'));
    return app.includes('_') ? app.slice(app.indexOf('_') + 1) : app;
  }
  const labels = isObject(meta.labels) ? meta.labels : {};
  const instance = labels[INSTANCE_LABEL];
  return typeof instance === 'string' && instance !== '' ? instance : undefined;
}

/** A resource reference of an object (namespace '' when it has none). */
export function refOf(o: JsonObject): ResourceRef {
  const meta = isObject(o.metadata) ? o.metadata : {};
  return {
    apiVersion: String(o.apiVersion ?? ''),
    kind: String(o.kind ?? ''),
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}
