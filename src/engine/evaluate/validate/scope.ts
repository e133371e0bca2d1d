import type { JsonValue } from '../../json.js';
import type { JsonContext } from '../../context/json-context.js';
import type { ContextSources } from '../../context/entries.js';
import type { CompiledException } from '../../exceptions/exception.js';
import type { CelNumbers } from '../request.js';
import type { RequestMemo } from '../request-memo.js';

/** What a validate body needs while it runs: the rule's name and message, its context and sources. */
export interface ValidateScope {
  readonly rule: string;
  /** `validate.message` as written (substituted only when a failure message is built). */
  readonly message?: string;
  readonly ctx: JsonContext;
  readonly sources: ContextSources;
  /** Values a test's values file gives this rule, re-applied for each foreach element. */
  readonly ruleValues: readonly (readonly [string, JsonValue])[];
  /** The resource patterns are matched against at rule level (request.object, after values). */
  readonly resource: JsonValue;
  /** Resource path of the element in scope (foreach), to point results at the right field. */
  readonly basePath: readonly (string | number)[];
  readonly isDelete: boolean;
  /** Exceptions with podSecurity entries: extra excludes for a podSecurity rule (spec §4.11). */
  readonly podSecurityExceptions: readonly CompiledException[];
  /** What the rules of the request share (podSecurity findings, validate.cel inputs). */
  readonly memo?: RequestMemo;
  /** How `validate.cel` sees the trigger's numbers (kyverno-cel-semantics §5.2.1: doubles in the CLI). */
  readonly celNumbers: CelNumbers;
}

/**
 * A rule-level scope, filled in for each rule. A request keeps one (RequestMemo.ruleScope) and refills it rule after
 * rule: a body reads its scope only while it runs and keeps nothing of it (a foreach element gets a copy of its own),
 * and a scope per rule was the largest single allocation of an admission review.
 */
export class RuleScope implements ValidateScope {
  rule = '';
  message: string | undefined = undefined;
  ctx!: JsonContext;
  sources!: ContextSources;
  ruleValues: readonly (readonly [string, JsonValue])[] = NO_VALUES;
  resource: JsonValue = null;
  // At rule level no foreach element is in scope.
  readonly basePath: readonly (string | number)[] = [];
  isDelete = false;
  podSecurityExceptions: readonly CompiledException[] = NO_EXCEPTIONS;
  memo: RequestMemo | undefined = undefined;
  celNumbers: CelNumbers = 'int';
}

const NO_VALUES: readonly (readonly [string, JsonValue])[] = [];
const NO_EXCEPTIONS: readonly CompiledException[] = [];
