// Restricted "Running as Non-root": runAsNonRoot must be true at pod level or on every container.
import { forbidden, required, type CheckViolation, type FieldError } from '../field-error.js';
import { bool, securityContext, type PodView } from '../pod-view.js';

/** runAsNonRoot v1.0: explicit false errors (pod, then containers) precede implicit Required errors. */
export function runAsNonRootV1Dot0(pod: PodView): CheckViolation | undefined {
  const explicit: FieldError[] = [];
  const implicit: FieldError[] = [];
  const podValue = bool(securityContext(pod.spec), 'runAsNonRoot');
  if (podValue === false) explicit.push(forbidden('spec.securityContext.runAsNonRoot', false));
  for (const c of pod.containers) {
    const value = bool(securityContext(c.container), 'runAsNonRoot');
    const field = `${c.path}.securityContext.runAsNonRoot`;
    if (value === false) explicit.push(forbidden(field, false));
    else if (value === undefined && podValue !== true) implicit.push(required(field));
  }
  const errors = [...explicit, ...implicit];
  return errors.length > 0 ? { reason: 'runAsNonRoot != true', errors } : undefined;
}
