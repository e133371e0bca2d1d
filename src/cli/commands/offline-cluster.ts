// Offline runs (`apply`, `check`): the given resources stand in for the cluster — clone sources, mutate-existing
// targets, context lookups and the CEL `resource` library read them (Kyverno CLI, kyverno-cel-semantics §6.6).
import {
  inMemoryResourceService,
  type Clock,
  type Evaluation,
  type EvaluationServices,
  type GeneratedObject,
  type JsonObject,
} from '../../engine/index.js';
import { MemoryCluster } from '../../cluster/memory-store.js';

/** Evaluation services of an offline run over `objects`. */
export function offlineServices(objects: readonly JsonObject[], clock: Clock): EvaluationServices {
  return { clock, cluster: new MemoryCluster(objects), cel: { resources: inMemoryResourceService(objects) } };
}

/** The downstream objects an evaluation would create or update (Kyverno's CLI leaves out clone-source labels). */
export function downstreamObjects(evaluation: Evaluation): GeneratedObject[] {
  return evaluation.generated.filter((g) => !g.cloneSource);
}
