// The engine's public API — the only engine module code outside src/engine imports (docs/architecture.md).
//
//   const { policySet, diagnostics, notes } = loadPolicies(documents);   // load and compile once
//   const evaluation = evaluate(policySet, request, services);            // one request, Kyverno's pipeline
//
// Every policy kind is one entry of the kind table (kinds/table.ts); drivers never compose stages or kinds.

// ─── Load and compile ────────────────────────────────────────────────────────
export {
  loadPolicies,
  CompileCache,
  UNKNOWN_POLICY,
  type LoadOptions,
  type LoadedPolicies,
} from './policy-set/load-policies.js';
export { PolicySet } from './policy-set/policy-set.js';
export {
  admissionInterests,
  ALL_OPERATIONS,
  type AdmissionInterest,
  type AdmissionInterests,
  type KindInterest,
  type ResourceInterest,
} from './policy-set/admission-interests.js';
export { generateRules, type GenerateRuleInfo } from './policy-set/generate-rules.js';
export { validationModes, type PolicyValidationMode } from './policy-set/validation-modes.js';
export { normalizeAction } from './evaluate/validate/failure-action.js';
export { backgroundScanKinds, type ScanKinds, type WantedKind } from './policy-set/background-kinds.js';
export { isKubernetesObject, listItems, resourceDocuments } from './policy-set/documents.js';
export type { AdmissionTraits, LoadedPolicy, PolicyFamily, RejectedDocument, ValidationMode } from './kinds/types.js';
export { POLICY_KINDS } from './kinds/table.js';
export { UNSUPPORTED_RULE } from './kinds/classic-policy.js';
export { UNSUPPORTED_KIND } from './cel-policy/load.js';

// ─── Evaluate ────────────────────────────────────────────────────────────────
export { evaluate } from './pipeline/evaluate.js';
export { backgroundRequest, cliRequest, type Requester } from './pipeline/requests.js';
export type {
  AdmissionDecision,
  AdmissionEffect,
  ApiResource,
  CelLibraryServices,
  EngineResponse,
  Evaluation,
  EvaluationDeadline,
  EvaluationOptions,
  EvaluationServices,
  GeneratedObject,
  JsonPatchOperation,
  PolicyRequest,
  RequestOrigin,
  RestMapping,
  Stage,
  SubresourceMapping,
} from './pipeline/types.js';
export type { CelNumbers, PolicyValues } from './evaluate/request.js';
export type { TargetMutation } from './evaluate/mutate/mutate-existing.js';

// ─── What the engine is given ────────────────────────────────────────────────
export { fixedClock, type Clock, type ClusterReader } from './ports.js';
export type { GroupVersionResource, HttpService, KyvernoCelServices, ResourceService } from './cel/kyverno/services.js';
export { clusterResourceService, restPath } from './cel/kyverno/cluster-resources.js';
export { contextResourceService, inMemoryResourceService } from './cel/kyverno/offline-resources.js';
export { compileQuery } from './jmespath/index.js';

// ─── Results ─────────────────────────────────────────────────────────────────
export {
  resourceIdOf,
  type FailureAction,
  type ResourceId,
  type RuleResult,
  type RuleStatus,
  type RuleType,
} from './result/rule-result.js';
export { isError, renderDiagnostic, type Diagnostic } from './result/diagnostic.js';
export { formatJsonPath, formatPos, type JsonPath, type SourcePos } from './result/location.js';
export { isScored, reportedStatus } from './policy/policy.js';

// ─── Documents and values ────────────────────────────────────────────────────
export {
  objectDocument,
  parseDocuments,
  type ParsedFile,
  type SourceDocument,
  renderSourceError,
  type SourceError,
} from './source/documents.js';
export { StringPool } from './source/string-pool.js';
export { cloneJson, deepEqual, getOwn, isObject, type JsonObject, type JsonValue } from './json.js';

// ─── Kubernetes names and selectors ──────────────────────────────────────────
export { isClusterScopedKind, withDefaultNamespace } from './kube/scope.js';
export { withEmptyNullMaps } from './kube/null-maps.js';
export { crdPlurals, groupOf, pluralResourceOf, versionOf } from './kube/rest-mapping.js';
export { namespaceOfResource } from './evaluate/match-subject.js';
export { namespaceOf } from './evaluate/request.js';
export { labelsOf } from './match/match.js';
export {
  kindMatches,
  parseKindSelector,
  splitApiVersion,
  type KindSelector,
  type ResourceKind,
} from './match/kind-selector.js';
export { hasWildcard, matchesAnyPattern, wildcardMatch } from './primitives/wildcard.js';
export { closestMatch } from './primitives/did-you-mean.js';
