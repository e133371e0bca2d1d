// Restricted "Running as Non-root user": runAsUser must not be 0 (pod or containers).
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { num, securityContext, type PodView } from '../pod-view.js';

/** runAsUser v1.23. */
export function runAsUserV1Dot23(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  if (num(securityContext(pod.spec), 'runAsUser') === 0) errors.push(forbidden('spec.securityContext.runAsUser', 0));
  for (const c of pod.containers) {
    if (num(securityContext(c.container), 'runAsUser') === 0)
      errors.push(forbidden(`${c.path}.securityContext.runAsUser`, 0));
  }
  return errors.length > 0 ? { reason: 'runAsUser=0', errors } : undefined;
}
