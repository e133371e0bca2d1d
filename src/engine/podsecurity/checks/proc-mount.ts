// Baseline "/proc Mount Type": securityContext.procMount must be unset or "Default".
import { forbidden, type CheckViolation } from '../field-error.js';
import { optStr, securityContext, type PodView } from '../pod-view.js';

/** procMount v1.0 (the user-namespace relaxation is off, as in Kyverno's default setup). */
export function procMountV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors = pod.containers.flatMap((c) => {
    const procMount = optStr(securityContext(c.container), 'procMount');
    return procMount !== undefined && procMount !== 'Default'
      ? [forbidden(`${c.path}.securityContext.procMount`, procMount)]
      : [];
  });
  return errors.length > 0 ? { reason: 'procMount', errors } : undefined;
}
