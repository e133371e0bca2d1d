// Baseline "Host Namespaces": spec.hostNetwork / hostPID / hostIPC must not be true.
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { bool, type PodView } from '../pod-view.js';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** hostNamespaces v1.0. */
export function hostNamespacesV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = HOST_NAMESPACE_FIELDS.filter((f) => bool(pod.spec, f) === true).map((f) =>
    forbidden(`spec.${f}`, true),
  );
  return errors.length > 0 ? { reason: 'host namespaces', errors } : undefined;
}
