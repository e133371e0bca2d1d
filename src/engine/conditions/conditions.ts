// Kyverno: spec §5.1/§5.2 — condition blocks of deny, preconditions and PolicyException conditions.
import { isObject, type JsonValue } from '../json.js';
import { ConditionError } from './condition-error.js';
import { evaluateOperator } from './operators.js';

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
  messages: string[];
}
/** Resolves `{{ }}` variables in a condition's key or value; throws on an unresolvable variable. */
export type Substitute = (v: JsonValue, part: 'key' | 'value') => JsonValue;

interface Verdict {
  result: boolean;
  message: string;
}

/** Substitutes one side of a condition, reporting failures the way Kyverno words them. */
function substitutePart(v: JsonValue | undefined, part: 'key' | 'value', substitute: Substitute): JsonValue {
  try {
    return substitute(v ?? null, part);
  } catch (e) {
    const inner = e instanceof Error ? e.message : String(e);
    throw new ConditionError(`failed to substitute variables in condition ${part}: ${inner}`);
  }
}

/** Evaluates one condition: key, then value, then the operator. The message is not substituted (as in Kyverno). */
function evaluateCondition(raw: unknown, substitute: Substitute): Verdict {
  const c: Condition = isObject(raw) ? (raw as Condition) : {};
  const key = substitutePart(c.key, 'key', substitute);
  const value = substitutePart(c.value, 'value', substitute);
  let result: boolean;
  try {
    result = evaluateOperator(typeof c.operator === 'string' ? c.operator : '', key, value);
  } catch (e) {
    throw new ConditionError(`failed to create handler for condition operator: ${(e as Error).message}`);
  }
  return { result, message: typeof c.message === 'string' ? c.message : '' };
}

/** Kyverno's JoinNonEmpty: empty messages are dropped. */
function nonEmpty(messages: string[]): string[] {
  return messages.filter((m) => m !== '');
}

/** An `any`/`all` list: absent (undefined/null) stays undefined; anything but a list is an error. */
function conditionList(v: unknown, name: string): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new ConditionError(`invalid condition: "${name}" must be a list`);
  return v;
}

/** The `{any, all}` form: any AND all, each short-circuiting; both are always evaluated. */
function evaluateAnyAll(block: { any?: unknown; all?: unknown }, substitute: Substitute): ConditionOutcome {
  const anyList = conditionList(block.any, 'any');
  const allList = conditionList(block.all, 'all') ?? [];
  const passed: string[] = [];
  const failed: string[] = [];
  // Kyverno: spec Appendix A.16 — an explicitly empty `any: []` is present and therefore false.
  let anyResult = anyList === undefined;
  for (const c of anyList ?? []) {
    const v = evaluateCondition(c, substitute);
    (v.result ? passed : failed).push(v.message);
    if (v.result) {
      anyResult = true;
      break;
    }
  }
  let allResult = true;
  for (const c of allList) {
    const v = evaluateCondition(c, substitute);
    (v.result ? passed : failed).push(v.message);
    if (!v.result) {
      allResult = false;
      break;
    }
  }
  const result = anyResult && allResult;
  return { result, messages: nonEmpty(result ? passed : failed) };
}

/** The legacy bare list: every condition must hold; stops at the first false one. */
function evaluateLegacyList(list: unknown[], substitute: Substitute): ConditionOutcome {
  const passed: string[] = [];
  for (const c of list) {
    const v = evaluateCondition(c, substitute);
    if (!v.result) return { result: false, messages: nonEmpty([v.message]) };
    passed.push(v.message);
  }
  return { result: true, messages: nonEmpty(passed) };
}

/**
 * Evaluates a condition block (absent → true). Returns the result and the messages of the deciding
 * conditions; throws ConditionError on a substitution failure, unknown operator or malformed block.
 */
export function evaluateConditions(block: ConditionBlock | undefined, substitute: Substitute): ConditionOutcome {
  if (block === undefined || block === null) return { result: true, messages: [] };
  if (Array.isArray(block)) return evaluateLegacyList(block, substitute);
  if (!isObject(block)) throw new ConditionError('invalid condition');
  return evaluateAnyAll(block, substitute);
}

/** Joins condition messages as Kyverno does: `"; "` for `{any, all}`, `";"` for the legacy list. */
export function joinConditionMessages(block: ConditionBlock | undefined, messages: string[]): string {
  return nonEmpty(messages).join(Array.isArray(block) ? ';' : '; ');
}
