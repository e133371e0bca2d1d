// Restricted "Privilege Escalation": securityContext.allowPrivilegeEscalation must be false.
import { forbidden, required, type CheckViolation, type FieldError } from '../field-error.js';
import { bool, isWindowsPod, securityContext, type PodView } from '../pod-view.js';

/** allowPrivilegeEscalation v1.8: Required without securityContext, bad value "nil" when unset in it. */
export function allowPrivilegeEscalationV1Dot8(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  for (const c of pod.containers) {
    const sc = securityContext(c.container);
    const field = `${c.path}.securityContext.allowPrivilegeEscalation`;
    const value = bool(sc, 'allowPrivilegeEscalation');
    if (!sc) errors.push(required(field));
    else if (value === undefined) errors.push(forbidden(field, 'nil'));
    else if (value) errors.push(forbidden(field, true));
  }
  return errors.length > 0 ? { reason: 'allowPrivilegeEscalation != false', errors } : undefined;
}

/** allowPrivilegeEscalation v1.25: Windows pods are exempt. */
export function allowPrivilegeEscalationV1Dot25(pod: PodView): CheckViolation | undefined {
  return isWindowsPod(pod.spec) ? undefined : allowPrivilegeEscalationV1Dot8(pod);
}
