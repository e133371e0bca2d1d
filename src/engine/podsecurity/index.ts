// Public API of validate.podSecurity: Pod Security Standards checks with Kyverno's excludes (spec §4.11).
export type {
  PodSecurityCheckFailure,
  PodSecurityExclude,
  PodSecurityLevel,
  PodSecurityResult,
  PodSecuritySpec,
} from './types.js';
export { PodSecurityError } from './types.js';
export { evaluateCompiledPodSecurity, evaluatePodSecurity } from './evaluate.js';
export { compilePodSecurity, type CompiledPodSecurity } from './compiled-spec.js';
export { checkPodSecuritySpec, type PodSecuritySpecProblem } from './spec-check.js';
export { CONTROL_NAMES } from './controls.js';
export { PodFindingsMemo } from './pod-findings.js';
