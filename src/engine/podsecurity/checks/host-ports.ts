// Baseline "Host Ports": containers[*].ports[*].hostPort must be unset or 0.
import { isObject } from '../../json.js';
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { list, num, type PodView } from '../pod-view.js';

/** hostPorts v1.0. */
export function hostPortsV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  for (const c of pod.containers) {
    list(c.container, 'ports').forEach((p, i) => {
      const hostPort = isObject(p) ? num(p, 'hostPort') : undefined;
      if (hostPort !== undefined && hostPort !== 0) errors.push(forbidden(`${c.path}.ports[${i}].hostPort`, hostPort));
    });
  }
  return errors.length > 0 ? { reason: 'hostPort', errors } : undefined;
}
