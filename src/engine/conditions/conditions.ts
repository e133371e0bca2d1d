// Kyverno: spec §5.1/§5.2 — condition blocks of deny, preconditions and PolicyException conditions.
import { isObject, type JsonValue } from '../json.js';
import { ConditionError } from './condition-error.js';
import { applyOperator, operatorHandler, type OperatorHandler } from './operators.js';
import { changedBySubstitution, substituteDocument, type VariableResolver } from '../variables/substitute.js';

export { ConditionError } from './condition-error.js';

/** One condition as written in a policy (`key`/`value` may hold `{{ }}` variables). */
export interface Condition {
  key?: JsonValue;
  operator?: string;
  value?: JsonValue;
  message?: string;
}
/** `{any, all}` or the legacy bare list (= all). */
export type ConditionBlock = Condition[] | { any?: Condition[]; all?: Condition[] };
/** The block's result and the non-empty messages of the conditions that decided it. */
export interface ConditionOutcome {
  result: boolean;
  messages: readonly string[];
}
/**
 * Resolves `{{ }}` variables in a condition's key or value; throws on an unresolvable variable. A context (a
 * VariableResolver) substitutes as a document does: the usual case, without a closure per evaluation.
 */
export type Substitute = ((v: JsonValue, part: 'key' | 'value') => JsonValue) | VariableResolver;

/** One side of a condition as compiled: `fixed` when it holds no `{{ }}` and is used as written. */
interface Side {
  readonly raw: JsonValue;
  readonly fixed: boolean;
}

/** One condition, read once: its sides, operator (looked up once: undefined when unknown) and message. */
interface CompiledCondition {
  readonly key: Side;
  readonly value: Side;
  readonly operator: string;
  readonly handler: OperatorHandler | undefined;
  readonly message: string;
}

type Form =
  | { readonly kind: 'legacy'; readonly list: readonly CompiledCondition[] }
  | { readonly kind: 'anyAll'; readonly any?: readonly CompiledCondition[]; readonly all: readonly CompiledCondition[] }
  // A malformed block is an error when it is evaluated (a rule error), not when the policy loads.
  | { readonly kind: 'invalid'; readonly error: string };

/** A condition block compiled at load: sides without variables are never substituted, only read. */
export class CompiledConditions {
  private constructor(readonly form: Form) {}

  /** Compile a block as written in a policy. */
  static of(block: ConditionBlock): CompiledConditions {
    if (Array.isArray(block)) return new CompiledConditions({ kind: 'legacy', list: block.map(compileCondition) });
    if (!isObject(block)) return new CompiledConditions({ kind: 'invalid', error: 'invalid condition' });
    const b = block as { any?: unknown; all?: unknown };
    try {
      const any = conditionList(b.any, 'any');
      const all = conditionList(b.all, 'all') ?? [];
      return new CompiledConditions({
        kind: 'anyAll',
        any: any?.map(compileCondition),
        all: all.map(compileCondition),
      });
    } catch (e) {
      return new CompiledConditions({ kind: 'invalid', error: (e as Error).message });
    }
  }
}

/** Compile a block for repeated evaluation; undefined stays undefined (no conditions: true). */
export function compileConditions(block: ConditionBlock | undefined): CompiledConditions | undefined {
  return block === undefined || block === null ? undefined : CompiledConditions.of(block);
}

function compileCondition(raw: unknown): CompiledCondition {
  const c: Condition = isObject(raw) ? (raw as Condition) : {};
  const operator = typeof c.operator === 'string' ? c.operator : '';
  return {
    key: side(c.key),
    value: side(c.value),
    operator,
    handler: operatorHandler(operator),
    message: typeof c.message === 'string' ? c.message : '',
  };
}

function side(v: JsonValue | undefined): Side {
  const raw = v ?? null;
  return { raw, fixed: !changedBySubstitution(raw) };
}

/** Substitutes one side of a condition, reporting failures the way Kyverno words them. */
function substitutePart(s: Side, part: 'key' | 'value', substitute: Substitute): JsonValue {
  if (s.fixed) return s.raw;
  try {
    return typeof substitute === 'function' ? substitute(s.raw, part) : substituteDocument(s.raw, substitute);
  } catch (e) {
    const inner = e instanceof Error ? e.message : String(e);
    throw new ConditionError(`failed to substitute variables in condition ${part}: ${inner}`);
  }
}

/** Evaluates one condition: key, then value, then the operator. The message is not substituted (as in Kyverno). */
function evaluateCondition(c: CompiledCondition, substitute: Substitute): boolean {
  const key = substitutePart(c.key, 'key', substitute);
  const value = substitutePart(c.value, 'value', substitute);
  try {
    return applyOperator(c.handler, c.operator, key, value);
  } catch (e) {
    throw new ConditionError(`failed to create handler for condition operator: ${(e as Error).message}`);
  }
}

/** Kyverno's JoinNonEmpty: empty messages are dropped. */
function nonEmpty(messages: readonly string[]): string[] {
  return messages.filter((m) => m !== '');
}

/** An `any`/`all` list: absent (undefined/null) stays undefined; anything but a list is an error. */
function conditionList(v: unknown, name: string): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new ConditionError(`invalid condition: "${name}" must be a list`);
  return v;
}

/** The `{any, all}` form: any AND all, each short-circuiting; both are always evaluated. */
function evaluateAnyAll(
  anyList: readonly CompiledCondition[] | undefined,
  allList: readonly CompiledCondition[],
  substitute: Substitute,
): ConditionOutcome {
  // Most conditions carry no message: the lists are only made for one that does.
  let passed: string[] | undefined;
  let failed: string[] | undefined;
  // Kyverno: spec Appendix A.16 — an explicitly empty `any: []` is present and therefore false.
  let anyResult = anyList === undefined;
  for (const c of anyList ?? NO_CONDITIONS) {
    const held = evaluateCondition(c, substitute);
    if (c.message !== '') (held ? (passed ??= []) : (failed ??= [])).push(c.message);
    if (held) {
      anyResult = true;
      break;
    }
  }
  let allResult = true;
  for (const c of allList) {
    const held = evaluateCondition(c, substitute);
    if (c.message !== '') (held ? (passed ??= []) : (failed ??= [])).push(c.message);
    if (!held) {
      allResult = false;
      break;
    }
  }
  const result = anyResult && allResult;
  return { result, messages: (result ? passed : failed) ?? NO_MESSAGES };
}

/** The legacy bare list: every condition must hold; stops at the first false one. */
function evaluateLegacyList(list: readonly CompiledCondition[], substitute: Substitute): ConditionOutcome {
  let passed: string[] | undefined;
  for (const c of list) {
    if (!evaluateCondition(c, substitute))
      return { result: false, messages: c.message !== '' ? [c.message] : NO_MESSAGES };
    if (c.message !== '') (passed ??= []).push(c.message);
  }
  return { result: true, messages: passed ?? NO_MESSAGES };
}

const NO_CONDITIONS: readonly CompiledCondition[] = [];
// Most blocks are decided by conditions without a message: one shared empty answer.
const NO_MESSAGES: readonly string[] = [];

/**
 * Evaluates a compiled condition block (absent → true): every block is compiled when its policy or exception loads.
 * Returns the result and the messages of the deciding conditions; throws ConditionError on a substitution failure,
 * unknown operator or malformed block.
 */
export function evaluateConditions(block: CompiledConditions | undefined, substitute: Substitute): ConditionOutcome {
  if (block === undefined) return { result: true, messages: [] };
  const { form } = block;
  switch (form.kind) {
    case 'legacy':
      return evaluateLegacyList(form.list, substitute);
    case 'anyAll':
      return evaluateAnyAll(form.any, form.all, substitute);
    case 'invalid':
      throw new ConditionError(form.error);
  }
}

/** Joins condition messages as Kyverno does: `"; "` for `{any, all}`, `";"` for the legacy list. */
export function joinConditionMessages(block: CompiledConditions | undefined, messages: readonly string[]): string {
  const legacy = block?.form.kind === 'legacy';
  return nonEmpty(messages).join(legacy ? ';' : '; ');
}
