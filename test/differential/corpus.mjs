// The policy corpus: every kyverno test suite below the given roots (Tollgate's starter policies, the shared
// conformance corpus), as policy documents plus the suite's own resources to start perturbations from.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';

/** The YAML documents of a file that are objects with a kind (other documents are ignored). */
export function objectsIn(file) {
  try {
    return yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d && typeof d === 'object' && d.kind);
  } catch {
    return [];
  }
}

function testFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) testFiles(p, out);
    else if (e.name === 'kyverno-test.yaml') out.push(p);
  }
  return out;
}

const POLICY_KINDS = new Set([
  'ClusterPolicy',
  'Policy',
  'ValidatingPolicy',
  'NamespacedValidatingPolicy',
  'MutatingPolicy',
  'NamespacedMutatingPolicy',
  'GeneratingPolicy',
  'NamespacedGeneratingPolicy',
  'ImageValidatingPolicy',
  'DeletingPolicy',
]);
// CEL policies name resources by their plural; the generators speak kinds.
const PLURALS = {
  pods: 'Pod',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  replicasets: 'ReplicaSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  services: 'Service',
  ingresses: 'Ingress',
  namespaces: 'Namespace',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  roles: 'Role',
  rolebindings: 'RoleBinding',
  clusterrolebindings: 'RoleBinding',
  networkpolicies: 'NetworkPolicy',
  applications: 'Application',
};

/** Kinds a policy matches, as written (`apps/v1/Deployment` → Deployment; CEL plurals → kinds). */
export function matchedKinds(policy) {
  const kinds = new Set();
  const walk = (v, key) => {
    if (Array.isArray(v)) {
      if (key === 'kinds') v.forEach((k) => typeof k === 'string' && kinds.add(k.split('/').pop()));
      if (key === 'resources') v.forEach((r) => typeof r === 'string' && PLURALS[r] && kinds.add(PLURALS[r]));
      v.forEach((c) => walk(c));
    } else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, k);
  };
  walk(policy.spec);
  return [...kinds];
}

/** One corpus entry per test suite: its id, policy documents, matched kinds and seed resources. */
export function loadCorpus(roots) {
  const entries = [];
  for (const root of roots.filter((r) => existsSync(r) && statSync(r).isDirectory())) {
    for (const test of testFiles(resolve(root)).sort()) {
      const [suite] = objectsIn(test).length ? objectsIn(test) : [yaml.load(readFileSync(test, 'utf8'))];
      if (!suite?.policies) continue;
      const base = dirname(test);
      const policies = suite.policies
        .flatMap((p) => objectsIn(resolve(base, p)))
        .filter((d) => POLICY_KINDS.has(d.kind));
      if (policies.length === 0) continue;
      const seeds = (suite.resources ?? [])
        .flatMap((r) => objectsIn(resolve(base, r)))
        .filter((d) => d.metadata?.name && !POLICY_KINDS.has(d.kind));
      entries.push({
        id: relative(resolve(root, '..'), base.endsWith('.kyverno-test') ? dirname(base) : base),
        policies,
        kinds: [...new Set(policies.flatMap(matchedKinds))],
        seeds,
      });
    }
  }
  return entries;
}
