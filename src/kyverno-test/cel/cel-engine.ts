// The one place the drivers reach the CEL policy kinds (kyverno-cel-semantics §2–§4): load, exceptions, evaluation.
export {
  celStageOf,
  compileCelException,
  evaluateCelPolicy,
  loadCelPolicy,
  type CelStage,
  type CompiledCelException,
  type LoadedCelPolicy,
} from '../../engine/cel-policy/index.js';
