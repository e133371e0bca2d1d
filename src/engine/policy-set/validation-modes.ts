// Which policies validate in Audit and which in Enforce, per policy and per rule and namespace: what a rollout
// from Audit to Enforce asks of a policy set.
import type { LoadedPolicy, ValidationMode } from '../kinds/types.js';
import { internalsOf, type PolicySet } from './policy-set.js';

/** A validating policy of the set and how its failures act. */
export interface PolicyValidationMode extends ValidationMode {
  readonly policy: LoadedPolicy;
}

/** The validation modes of the set's policies that have validate rules (classic and CEL kinds). */
export function validationModes(set: PolicySet): PolicyValidationMode[] {
  return internalsOf(set).entries.flatMap((entry) => {
    const mode = entry.stages.has('validate') ? entry.handler.validationMode?.(entry) : undefined;
    return mode ? [{ policy: entry, mode: mode.mode, overridden: mode.overridden, actionIn: mode.actionIn }] : [];
  });
}
