// Baseline "SELinux": seLinuxOptions.type limited to container types; user and role must be unset.
import type { JsonObject } from '../../json.js';
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { obj, securityContext, str, type PodView } from '../pod-view.js';

const TYPES_V1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_V1_31 = new Set([...TYPES_V1_0, 'container_engine_t']);

/** Errors for one seLinuxOptions block, in type, user, role order. */
function optionErrors(opts: JsonObject, prefix: string, allowedTypes: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const type = str(opts, 'type');
  if (!allowedTypes.has(type)) errors.push(forbidden(`${prefix}.seLinuxOptions.type`, type));
  for (const key of ['user', 'role']) {
    const value = str(opts, key);
    if (value !== '') errors.push(forbidden(`${prefix}.seLinuxOptions.${key}`, value));
  }
  return errors;
}

function seLinuxOptions(pod: PodView, allowedTypes: Set<string>): CheckViolation | undefined {
  const podOpts = obj(securityContext(pod.spec), 'seLinuxOptions');
  const errors = podOpts ? optionErrors(podOpts, 'spec.securityContext', allowedTypes) : [];
  for (const c of pod.containers) {
    const opts = obj(securityContext(c.container), 'seLinuxOptions');
    if (opts) errors.push(...optionErrors(opts, `${c.path}.securityContext`, allowedTypes));
  }
  return errors.length > 0 ? { reason: 'seLinuxOptions', errors } : undefined;
}

/** seLinuxOptions v1.0. */
export function seLinuxOptionsV1Dot0(pod: PodView): CheckViolation | undefined {
  return seLinuxOptions(pod, TYPES_V1_0);
}

/** seLinuxOptions v1.31: also allows container_engine_t. */
export function seLinuxOptionsV1Dot31(pod: PodView): CheckViolation | undefined {
  return seLinuxOptions(pod, TYPES_V1_31);
}
