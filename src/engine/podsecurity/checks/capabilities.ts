// "Capabilities": baseline limits capabilities.add to the default set; restricted requires drop ALL
// and allows adding only NET_BIND_SERVICE.
import { forbidden, required, sortedUnique, type CheckViolation, type FieldError } from '../field-error.js';
import { isWindowsPod, obj, securityContext, strList, type PodView } from '../pod-view.js';

const BASELINE_ALLOWED_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** capabilities_baseline v1.0: one error per container listing its non-default added capabilities. */
export function capabilitiesBaselineV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  for (const c of pod.containers) {
    const caps = obj(securityContext(c.container), 'capabilities');
    const bad = strList(caps, 'add').filter((cap) => !BASELINE_ALLOWED_CAPABILITIES.has(cap));
    if (bad.length > 0) errors.push(forbidden(`${c.path}.securityContext.capabilities.add`, sortedUnique(bad)));
  }
  return errors.length > 0 ? { reason: 'non-default capabilities', errors } : undefined;
}

/** capabilities_restricted v1.22: missing-drop errors for all containers, then forbidden-add errors. */
export function capabilitiesRestrictedV1Dot22(pod: PodView): CheckViolation | undefined {
  const missingDrop: FieldError[] = [];
  const addingForbidden: FieldError[] = [];
  for (const c of pod.containers) {
    const caps = obj(securityContext(c.container), 'capabilities');
    const drop = `${c.path}.securityContext.capabilities.drop`;
    if (!caps) {
      missingDrop.push(required(drop));
      continue;
    }
    const dropped = strList(caps, 'drop');
    if (!dropped.includes('ALL'))
      missingDrop.push(dropped.length > 0 ? forbidden(drop, sortedUnique(dropped)) : required(drop));
    const bad = strList(caps, 'add').filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (bad.length > 0)
      addingForbidden.push(forbidden(`${c.path}.securityContext.capabilities.add`, sortedUnique(bad)));
  }
  const errors = [...missingDrop, ...addingForbidden];
  return errors.length > 0 ? { reason: 'unrestricted capabilities', errors } : undefined;
}

/** capabilities_restricted v1.25: Windows pods (spec.os.name=windows) are exempt. */
export function capabilitiesRestrictedV1Dot25(pod: PodView): CheckViolation | undefined {
  return isWindowsPod(pod.spec) ? undefined : capabilitiesRestrictedV1Dot22(pod);
}
