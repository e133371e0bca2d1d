// Kyverno: spec §9.3 — building the downstream resources of one (substituted) generate pattern.
import type { JsonObject } from '../json.js';
import type { ClusterReader } from '../ports.js';
import { generateClone } from './clone.js';
import { cloneListKinds, generateCloneList } from './clone-list.js';
import { generateFromData } from './data.js';
import type { DownstreamContext } from './downstream.js';
import { GenerateError } from './generate-error.js';
import { checkNamespaceRules, type GenerateSource } from './namespace-rules.js';
import { objectField, readTarget, stringField, type ResourceSpec } from './target.js';
import type { GeneratedResource, GeneratePolicyInfo, GenerateTrigger } from './types.js';

/**
 * Build the downstream resources of a generate rule whose variables are already substituted (data, clone,
 * cloneList). For foreach the caller passes each element's pattern, with the rule's `synchronize` copied in.
 * Throws GenerateError for a missing clone source, broken namespace rules or a malformed spec.
 */
export function buildGeneratedResources(
  generate: JsonObject,
  trigger: GenerateTrigger,
  policy: GeneratePolicyInfo,
  cluster: ClusterReader,
): GeneratedResource[] {
  if (generate.foreach !== undefined && generate.foreach !== null) {
    throw new GenerateError('generate.foreach must be expanded by the caller, one pattern per element');
  }
  const target = readTarget(generate);
  const source = sourceOf(generate);
  if (source.type !== 'cloneList' && (target.kind === '' || target.name === '')) {
    throw new GenerateError('generate.kind and generate.name are required');
  }
  checkNamespaceRules(target, source, policy);
  const ctx: DownstreamContext = { trigger, policy, cluster, synchronize: generate.synchronize === true };
  return dispatch(generate, target, source, ctx);
}

function dispatch(
  generate: JsonObject,
  target: ResourceSpec,
  source: GenerateSource,
  ctx: DownstreamContext,
): GeneratedResource[] {
  switch (source.type) {
    case 'clone': {
      const name = stringField(objectField(generate, 'clone', 'generate') ?? {}, 'name', 'generate.clone');
      // Kyverno: the clone source has the target's apiVersion and kind.
      return generateClone(target, { ...target, namespace: source.namespace, name }, ctx);
    }
    case 'cloneList':
      return generateCloneList(objectField(generate, 'cloneList', 'generate') ?? {}, target.namespace, ctx);
    case 'data':
      return generateFromData(generate, target, ctx);
  }
}

// Kyverno: a clone with a name wins over cloneList, and cloneList with kinds wins over data.
function sourceOf(generate: JsonObject): GenerateSource {
  const clone = objectField(generate, 'clone', 'generate');
  if (clone && stringField(clone, 'name', 'generate.clone') !== '') {
    return { type: 'clone', namespace: stringField(clone, 'namespace', 'generate.clone') };
  }
  const cloneList = objectField(generate, 'cloneList', 'generate');
  const kinds = cloneList ? cloneListKinds(cloneList) : [];
  if (cloneList && kinds.length > 0) {
    return { type: 'cloneList', namespace: stringField(cloneList, 'namespace', 'generate.cloneList'), kinds };
  }
  return { type: 'data' };
}
