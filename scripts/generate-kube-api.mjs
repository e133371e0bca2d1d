#!/usr/bin/env node
// Generates what `tollgate webhook-config` knows of Kubernetes without a cluster, from the k8s.io/kubernetes Go
// module at the pinned release:
//   src/webhook-config/kube-api-resources.json — the built-in API resources (group, versions, kind, plural, scope,
//     subresources), from the release's aggregated discovery document (api/discovery/aggregated_v2.json);
//   src/webhook-config/testdata/admissionregistration-v1.schema.json — the OpenAPI v3 schemas of
//     Validating/MutatingWebhookConfiguration and everything they reference, the test oracle for the output.
//
//   node scripts/generate-kube-api.mjs      (needs Go and the Go module proxy; the outputs are committed)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Kubernetes release whose built-in resources webhook rules are derived from (docs/decisions.md). */
export const KUBERNETES_VERSION = 'v1.34.2';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const module = JSON.parse(
  execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${KUBERNETES_VERSION}`], { encoding: 'utf8' }),
);
if (module.Error) throw new Error(module.Error);

// Built-in resources: one entry per group, kind and plural, with every version the release's discovery lists (the
// named groups from the aggregated document, the core group from /api/v1).
const readDiscovery = (name) => JSON.parse(readFileSync(join(module.Dir, 'api', 'discovery', name), 'utf8'));
const core = readDiscovery('api__v1.json');
const coreGroup = {
  metadata: { name: '' },
  versions: [
    {
      version: 'v1',
      resources: core.resources
        .filter((r) => !r.name.includes('/'))
        .map((r) => ({
          resource: r.name,
          responseKind: { kind: r.kind },
          scope: r.namespaced ? 'Namespaced' : 'Cluster',
          subresources: core.resources
            .filter((s) => s.name.startsWith(`${r.name}/`))
            .map((s) => ({ subresource: s.name.slice(r.name.length + 1) })),
        })),
    },
  ],
};
const byGroupKind = new Map();
for (const group of [coreGroup, ...readDiscovery('aggregated_v2.json').items]) {
  for (const version of group.versions) {
    for (const r of version.resources) {
      const kind = r.responseKind?.kind;
      if (!kind) continue;
      const key = `${group.metadata.name ?? ''}/${kind}/${r.resource}`;
      const entry = byGroupKind.get(key) ?? {
        group: group.metadata.name ?? '',
        versions: [],
        kind,
        resource: r.resource,
        namespaced: r.scope === 'Namespaced',
        subresources: [],
      };
      entry.versions.push(version.version);
      for (const s of r.subresources ?? [])
        if (!entry.subresources.includes(s.subresource)) entry.subresources.push(s.subresource);
      byGroupKind.set(key, entry);
    }
  }
}
const resources = [...byGroupKind.values()];
const resourcesOut = join(root, 'src', 'webhook-config', 'kube-api-resources.json');
writeFileSync(resourcesOut, JSON.stringify({ kubernetesVersion: KUBERNETES_VERSION, resources }) + '\n');
console.log(`${resourcesOut}: ${resources.length} resources`);

// The webhook configuration schemas, with the component schemas they reference (transitively).
const openapi = JSON.parse(
  readFileSync(
    join(module.Dir, 'api', 'openapi-spec', 'v3', 'apis__admissionregistration.k8s.io__v1_openapi.json'),
    'utf8',
  ),
);
const all = openapi.components.schemas;
const wanted = [
  'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
  'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
];
const picked = {};
const visit = (name) => {
  if (picked[name]) return;
  picked[name] = all[name];
  JSON.stringify(all[name], (k, v) => {
    if (k === '$ref' && typeof v === 'string') visit(v.replace('#/components/schemas/', ''));
    return v;
  });
};
wanted.forEach(visit);
const schemaOut = join(root, 'src', 'webhook-config', 'testdata', 'admissionregistration-v1.schema.json');
writeFileSync(
  schemaOut,
  JSON.stringify({ kubernetesVersion: KUBERNETES_VERSION, roots: wanted, schemas: picked }, null, 1) + '\n',
);
console.log(`${schemaOut}: ${Object.keys(picked).length} schemas`);
