// The compiled form of a classic rule: everything parsed once at load, read many times at evaluation.
import type { JsonObject, JsonValue } from '../json.js';
import type { CompiledMatch } from '../match/match.js';
import type { CompiledConditions } from '../conditions/conditions.js';
import type { CompiledPattern } from '../pattern/index.js';
import type { CompiledPodSecurity } from '../podsecurity/index.js';
import type { ClassicRuleType } from '../policy/policy.js';
import type { CompiledValidateCel } from './compiled-validate-cel.js';
import type { ActionOverride } from '../evaluate/validate/failure-action.js';
import type { ContextEntries } from '../context/entries.js';
import type { PatchDocument } from '../evaluate/mutate/apply-patch.js';

/** A pattern as written plus, when it has no variables or references, its compiled form. */
export interface PatternSource {
  readonly raw: JsonValue;
  readonly compiled?: CompiledPattern;
  /** The pattern holds `$(...)` references, resolved before variables are substituted. */
  readonly references: boolean;
}

/** One `foreach` entry of a validate rule. */
export interface CompiledForeach {
  readonly list: string;
  /** The resource path of a `request.object.a.b` list, so element results point at the element's field. */
  readonly listPath?: readonly string[];
  readonly elementScope?: boolean;
  readonly context?: ContextEntries;
  readonly preconditions?: CompiledConditions;
  readonly body: ValidationBody;
  /** Index of this entry in its foreach list, for `@` paths. */
  readonly index: number;
}

/** One `foreach` entry of a mutate rule (or of a mutate foreach), compiled at load. */
export interface CompiledMutateForeach {
  /** The JMESPath expression of the list, as written. */
  readonly list: string;
  /** Elements are patched last to first: `order: Descending`, the default for a strategic merge patch. */
  readonly descending: boolean;
  readonly context?: ContextEntries;
  readonly preconditions?: CompiledConditions;
  /** Nested entries, when the entry has its own `foreach` list. */
  readonly foreach?: readonly CompiledMutateForeach[];
  /** The entry's patches, the one document substituted per element (null where the entry has none). */
  readonly patches: PatchDocument;
}

/** One of a mutate rule's `targets` (existing resources to patch), compiled at load. */
export interface CompiledMutateTarget {
  /** apiVersion, kind, name, namespace, selector…: substituted per request to look the targets up. */
  readonly lookup: JsonObject;
  readonly context?: ContextEntries;
  readonly preconditions?: CompiledConditions;
}

/** One `foreach` entry of a generate rule, compiled at load. */
export interface CompiledGenerateForeach {
  /** The JMESPath expression of the list, as written. */
  readonly list: string;
  readonly context?: ContextEntries;
  readonly preconditions?: CompiledConditions;
  /** The entry's other fields: what it generates per element, over the rule's own generate block. */
  readonly body: JsonObject;
}

/** What a validate rule checks. */
export type ValidationBody =
  | { readonly kind: 'deny'; readonly conditions: CompiledConditions | undefined }
  | { readonly kind: 'pattern'; readonly pattern: PatternSource }
  | {
      readonly kind: 'anyPattern';
      readonly patterns: JsonValue;
      readonly compiled?: readonly PatternSource[];
      /** The compiled patterns when none has variables or references (most): nothing to prepare per request. */
      readonly fixed?: readonly CompiledPattern[];
    }
  | { readonly kind: 'foreach'; readonly entries: readonly CompiledForeach[] }
  | { readonly kind: 'podSecurity'; readonly podSecurity: CompiledPodSecurity }
  | { readonly kind: 'cel'; readonly cel: CompiledValidateCel }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** Per-rule validate settings. */
export interface CompiledValidation {
  readonly message?: string;
  readonly failureAction?: string;
  /** `failureActionOverrides`, compiled. */
  readonly actionOverrides: readonly ActionOverride[];
  readonly allowExistingViolations: boolean;
  readonly body: ValidationBody;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly name: string;
  readonly type: ClassicRuleType | undefined;
  readonly raw: JsonObject;
  readonly match?: CompiledMatch;
  readonly exclude?: CompiledMatch;
  readonly context?: ContextEntries;
  readonly preconditions?: CompiledConditions;
  readonly validate?: CompiledValidation;
  /** A mutate rule's `foreach` entries, when it has a foreach list. */
  readonly mutateForeach?: readonly CompiledMutateForeach[];
  /** A mutate rule's `targets`, when it has a targets list. */
  readonly mutateTargets?: readonly CompiledMutateTarget[];
  /** A generate rule's `foreach` entries, when it has a foreach list. */
  readonly generateForeach?: readonly CompiledGenerateForeach[];
  /** Set when the rule uses a feature Tollgate does not evaluate yet. */
  readonly unsupported?: string;
}
