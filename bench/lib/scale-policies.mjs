// The generated policies of bench/webhook-scale.mjs and bench/webhook-sustained.mjs: ClusterPolicies and Policies
// with two validate rules each (Audit) that mostly do not match the benchmark Pod, as a large cluster's set would.
/** The kind-specific part of generated policy `i`: what it matches and what its two rules check. */
function shape(i) {
  const slot = i % 100;
  if (slot < 40) return { kinds: ['ConfigMap'], field: 'data' };
  if (slot < 60) return { kinds: ['Service'], field: 'spec' };
  if (slot < 75) return { kinds: ['Deployment'], field: 'spec', autogenNone: true };
  if (slot < 87) return { kinds: ['Ingress'], field: 'spec' };
  // Namespaced Policies in their own namespace, a few of them for Pods: the benchmark Pod lives elsewhere.
  if (slot < 98) return { kinds: [slot < 90 ? 'Pod' : 'Secret'], field: 'metadata', namespace: `team-${i}` };
  // The small fraction that matches Pods cluster-wide: most select a label the benchmark Pod lacks, one in ten applies.
  return { kinds: ['Pod'], field: 'metadata', selector: i % 1000 < 100 ? undefined : { app: `batch-${i}` } };
}

/** YAML of generated policy `i` (two validate rules, Audit). */
export function generatedPolicy(i) {
  const s = shape(i);
  const annotations = s.autogenNone ? `\n  annotations:\n    pod-policies.kyverno.io/autogen-controllers: none` : '';
  const kind = s.namespace ? 'Policy' : 'ClusterPolicy';
  const ns = s.namespace ? `\n  namespace: ${s.namespace}` : '';
  const selector = s.selector
    ? `\n              selector:\n                matchLabels:\n                  app: ${s.selector.app}`
    : '';
  const rule = (name, message, pattern) => `
    - name: ${name}
      match:
        any:
          - resources:
              kinds: [${s.kinds.join(', ')}]${selector}
      validate:
        message: '${message}'
        pattern:
${pattern}`;
  const check =
    s.field === 'metadata'
      ? `          metadata:\n            =(labels):\n              =(tier-${i}): '?*'`
      : `          =(${s.field}):\n            =(x-scale-${i}): '!forbidden'`;
  return `apiVersion: kyverno.io/v1
kind: ${kind}
metadata:
  name: scale-${i}${ns}${annotations}
spec:
  validationFailureAction: Audit
  background: false
  rules:${rule(`require-owner-${i}`, `label owner-${i} is required`, `          metadata:\n            =(labels):\n              =(owner-${i}): '?*'`)}${rule(`check-${s.field}-${i}`, `${s.field} is checked`, check)}
`;
}
