// Test support: CelRequests for a resource, and SourceDocuments for policy fixtures.
import type { JsonObject } from '../../../json.js';
import { parseDocuments, type SourceDocument } from '../../../source/documents.js';
import type { CelRequest } from '../../types.js';
import type { KyvernoCelServices } from '../../../cel/kyverno/index.js';

const PLURALS: Record<string, string> = {
  Pod: 'pods',
  Deployment: 'deployments',
  CronJob: 'cronjobs',
  Namespace: 'namespaces',
  ConfigMap: 'configmaps',
};

/** A CREATE (default) request for `object` with offline services. */
export function requestFor(
  object: JsonObject,
  operation: CelRequest['operation'] = 'CREATE',
  services: Partial<KyvernoCelServices> = {},
): CelRequest {
  const apiVersion = String(object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const kind = String(object.kind);
  const md = (object.metadata ?? {}) as JsonObject;
  const gvk = { group, version, kind };
  const gvr = { group, version, resource: PLURALS[kind] ?? `${kind.toLowerCase()}s` };
  return {
    operation,
    object: operation === 'DELETE' ? null : object,
    oldObject: operation === 'CREATE' ? null : object,
    admission: {
      kind: gvk,
      resource: gvr,
      requestKind: gvk,
      requestResource: gvr,
      subResource: '',
      requestSubResource: '',
      name: String(md.name ?? ''),
      namespace: String(md.namespace ?? ''),
      operation,
      userInfo: { username: '', uid: '', groups: [], extra: {} },
      dryRun: false,
      options: null,
    },
    namespaceObject: null,
    namespaceLabels: {},
    services: { clock: { now: () => new Date(0) }, ...services },
  };
}

/** The document of a policy written inline in a fixture. */
export function documentOf(value: JsonObject): SourceDocument {
  return parseDocuments(JSON.stringify(value), 'fixture.yaml').documents[0];
}
