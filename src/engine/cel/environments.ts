// Kyverno: kyverno-cel-semantics §5.4 — which libraries and variables each CEL policy kind gets. Environments are
// built once per kind and shared by every policy of that kind (compiling never changes an environment).
import { createCelEnvironment, type CelEnvironment, type CelPolicyKind } from './environment.js';
import type { CelLibrary } from './library.js';
import { kubernetesLibraries as k8s } from './lib/index.js';
import { kyvernoLibraries as kyv } from './kyverno/index.js';

/** Options that change an environment: namespaced policies get `resource.*` overloads without a namespace. */
export interface EnvironmentChoice {
  readonly namespaced?: boolean;
}

const BASE_K8S = [k8s.strings, k8s.lists, k8s.sets, k8s.regex, k8s.quantity, k8s.semver, k8s.url, k8s.ip, k8s.format];

function librariesFor(kind: CelPolicyKind, namespaced: boolean): CelLibrary[] {
  if (kind === 'validate.cel') return [...BASE_K8S, k8s.comprehensions];
  const resource = namespaced ? kyv.resourceNamespaced : kyv.resource;
  const kyverno = [resource, kyv.http, kyv.image, kyv.imagedata, kyv.globalcontext, kyv.hash, kyv.math, kyv.json];
  const more = [kyv.yaml, kyv.random, kyv.time, kyv.transform, kyv.gzip, kyv.x509];
  const common = [...BASE_K8S, k8s.math, k8s.encoders, ...kyverno, ...more];
  if (kind === 'ValidatingPolicy') return [...common, k8s.comprehensions, kyv.user];
  if (kind === 'MutatingPolicy') return [...common, k8s.comprehensions, k8s.jsonpatch, kyv.user];
  return [...common, kyv.generator];
}

function variablesFor(kind: CelPolicyKind): Record<string, string> {
  // `params` exists only with paramKind and `exceptions` only for the policies.kyverno.io kinds; declaring them
  // as dyn everywhere they can occur keeps one environment per kind.
  return kind === 'validate.cel' ? { params: 'dyn' } : { exceptions: 'dyn' };
}

const cache = new Map<string, CelEnvironment>();

/** The shared environment of a policy kind. */
export function celEnvironmentFor(kind: CelPolicyKind, choice: EnvironmentChoice = {}): CelEnvironment {
  const key = `${kind}/${choice.namespaced === true}`;
  let env = cache.get(key);
  if (!env) {
    env = createCelEnvironment({
      kind,
      libraries: librariesFor(kind, choice.namespaced === true),
      variables: variablesFor(kind),
    });
    cache.set(key, env);
  }
  return env;
}
