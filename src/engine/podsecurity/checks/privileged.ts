// Baseline "Privileged Containers": securityContext.privileged must not be true.
import { forbidden, type CheckViolation } from '../field-error.js';
import { bool, securityContext, type PodView } from '../pod-view.js';

/** privileged v1.0. */
export function privilegedV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors = pod.containers
    .filter((c) => bool(securityContext(c.container), 'privileged') === true)
    .map((c) => forbidden(`${c.path}.securityContext.privileged`, true));
  return errors.length > 0 ? { reason: 'privileged', errors } : undefined;
}
