// Shared by the generate synchronisation tests: a ClusterPolicy whose rule `settings` generates a ConfigMap into each
// Namespace, and such a ConfigMap as the webhook created it.
import { parse } from 'yaml';
import type { JsonObject } from '../../engine/index.js';

/** The policy with `lifecycle` (e.g. `synchronize: true`) in its generate block. */
export const generatePolicy = (lifecycle: string) =>
  parse(`apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: { name: defaults }
spec:
  rules:
    - name: settings
      match: { any: [{ resources: { kinds: [Namespace] } }] }
      generate:
        ${lifecycle}
        apiVersion: v1
        kind: ConfigMap
        name: settings
        namespace: "{{request.object.metadata.name}}"
        data:
          data: { tier: gold }
`) as JsonObject;

/** A downstream ConfigMap as the webhook created it for trigger `uid`, with `tier`. */
export const downstreamConfigMap = (ns: string, uid: string, tier: string): JsonObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'settings',
    namespace: ns,
    labels: {
      'app.kubernetes.io/managed-by': 'kyverno',
      'generate.kyverno.io/policy-name': 'defaults',
      'generate.kyverno.io/policy-namespace': '',
      'generate.kyverno.io/rule-name': 'settings',
      'generate.kyverno.io/trigger-group': '',
      'generate.kyverno.io/trigger-version': 'v1',
      'generate.kyverno.io/trigger-kind': 'Namespace',
      'generate.kyverno.io/trigger-namespace': '',
      'generate.kyverno.io/trigger-uid': uid,
    },
  },
  data: { tier },
});
