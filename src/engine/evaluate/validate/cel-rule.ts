// Kyverno: kyverno-cel-semantics §1.2–1.6 — a `validate.cel` rule after match, preconditions and exceptions.
import { isObject, type JsonObject } from '../../json.js';
import { toCelValue } from '../../cel/values.js';
import { compositedVariableError, lazyVariables } from '../../cel/lazy-variables.js';
import type { CompiledValidateCel } from '../../compile/compiled-validate-cel.js';
import type { Outcome } from '../outcome.js';
import { celInputs } from './cel-inputs.js';
import { collectParams } from './cel-params.js';
import { firstDenial, matchPreconditions } from './cel-decisions.js';
import type { ValidateScope } from './scope.js';
import { capitalisedPassOutcome } from './message.js';

/**
 * Evaluate a `validate.cel` body. Returns undefined (no response) when the policy's generated
 * ValidatingAdmissionPolicy enforces it; never throws — every problem is a `fail` or `error` outcome.
 */
export function runValidateCel(cel: CompiledValidateCel, scope: ValidateScope): Outcome | undefined {
  if (cel.vapGenerated) return undefined;
  const request = isObject(scope.ctx.data.request) ? scope.ctx.data.request : {};
  const inputs = celInputs(request, scope.celNumbers, scope.memo);
  let params: (JsonObject | undefined)[] = [undefined];
  if (cel.params) {
    const collected = collectParams(cel.params, inputs.namespace, scope.sources.cluster);
    if (!collected.ok) return { status: 'error', message: `error in parameterized resource: ${collected.error}` };
    params = collected.params;
  }
  for (const param of params) {
    const withParams = { params: param === undefined ? null : toCelValue(param) };
    const activation = lazyVariables(
      cel.variables,
      Object.assign({}, inputs.activation, withParams),
      compositedVariableError,
    );
    const outcome = runOnce(cel, activation);
    if (outcome) return outcome;
  }
  // Kyverno: capital V, unlike the generic handler's pass message (Appendix A #2).
  return capitalisedPassOutcome(scope.rule);
}

// Kyverno: §1.5 — preconditions errors and CEL errors deny (failure policy Fail), so both are `fail`, not `error`.
function runOnce(cel: CompiledValidateCel, activation: Readonly<Record<string, unknown>>): Outcome | undefined {
  const pre = matchPreconditions(cel.preconditions, activation);
  if (pre.kind === 'notMatched') return { status: 'skip', message: 'cel preconditions not met' };
  if (pre.kind === 'error') return { status: 'fail', message: pre.message };
  const denial = firstDenial(cel.validations, activation);
  return denial && { status: 'fail', message: denial.message };
}
