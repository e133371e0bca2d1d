// Kyverno: spec §4.8 — validate foreach: every element checked; one fail/error decides the rule.
import { isObject, type JsonValue } from '../../json.js';
import { evaluateConditions } from '../../conditions/conditions.js';
import { setForeachElement } from '../../context/foreach-element.js';
import { registerContextEntries } from '../../context/entries.js';
import type { CompiledForeach } from '../../compile/compiled-rule.js';
import type { Outcome } from '../outcome.js';
import type { ValidateScope } from './scope.js';
import { runBody } from './run-body.js';

/** Evaluate foreach entries; undefined when no element was processed (no rule response). */
export function runForeach(
  entries: readonly CompiledForeach[],
  scope: ValidateScope,
  depth: number,
): Outcome | undefined {
  let passed = 0;
  let listError: string | undefined;
  for (const fe of entries) {
    let list: JsonValue;
    try {
      list = scope.ctx.query(fe.list);
    } catch (e) {
      const msg = (e as Error).message;
      if (!msg.includes('Unknown key')) listError ??= msg;
      continue;
    }
    const elements = Array.isArray(list) ? list : [list];
    const listPath = fe.listPath;
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (element === null) continue;
      const outcome = runElement(fe, element, i, scope, depth, listPath);
      if (!outcome || outcome.status === 'skip') continue;
      if (outcome.status === 'pass') passed++;
      else return { ...outcome, message: `validation failure: ${outcome.message}` };
    }
  }
  if (passed > 0) return { status: 'pass', message: 'rule passed' };
  if (listError) return { status: 'error', message: `failed to evaluate list: ${listError}` };
  return undefined;
}

function runElement(
  fe: CompiledForeach,
  element: JsonValue,
  index: number,
  scope: ValidateScope,
  depth: number,
  listPath: readonly (string | number)[] | undefined,
): Outcome | undefined {
  if (fe.elementScope === true && !isObject(element))
    return {
      status: 'error',
      message: `failed to process foreach: cannot use elementScope=true foreach rules for elements that are not maps, expected type=map got=${Array.isArray(element) ? 'array' : typeof element}`,
    };
  const scoped = fe.elementScope ?? isObject(element);
  const ctx = scope.ctx.fork();
  setForeachElement(ctx, element, index, depth);
  for (let i = 0; i < scope.ruleValues.length; i++) ctx.setPath(scope.ruleValues[i][0], scope.ruleValues[i][1]);
  registerContextEntries(fe.context, ctx, scope.sources);
  try {
    if (fe.preconditions && !evaluateConditions(fe.preconditions, ctx).result) return undefined;
  } catch {
    return undefined; // Kyverno: a precondition error only skips the element in validate foreach
  }
  const basePath = scoped ? (listPath ? [...listPath, index] : []) : scope.basePath;
  return runBody(fe.body, { ...scope, ctx, resource: scoped ? element : scope.resource, basePath }, depth + 1);
}
