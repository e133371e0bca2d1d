// Baseline "HostProcess": pod and container windowsOptions.hostProcess must not be true.
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { bool, obj, securityContext, type PodView } from '../pod-view.js';

/** windowsHostProcess v1.0: the pod-level error comes first, then containers. */
export function windowsHostProcessV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  if (bool(obj(securityContext(pod.spec), 'windowsOptions'), 'hostProcess') === true)
    errors.push(forbidden('spec.securityContext.windowsOptions.hostProcess', true));
  for (const c of pod.containers) {
    if (bool(obj(securityContext(c.container), 'windowsOptions'), 'hostProcess') === true)
      errors.push(forbidden(`${c.path}.securityContext.windowsOptions.hostProcess`, true));
  }
  return errors.length > 0 ? { reason: 'hostProcess', errors } : undefined;
}
