// Baseline "Sysctls": only the namespaced, isolated "safe" sysctls; the safe set grew over versions.
import { isObject } from '../../json.js';
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { list, securityContext, str, type PodView } from '../pod-view.js';

const SAFE_V1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_V1_27 = [...SAFE_V1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_V1_29 = [
  ...SAFE_V1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_V1_32 = [...SAFE_V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(pod: PodView, safe: readonly string[]): CheckViolation | undefined {
  const errors: FieldError[] = [];
  list(securityContext(pod.spec), 'sysctls').forEach((s, i) => {
    const name = isObject(s) ? str(s, 'name') : '';
    if (!safe.includes(name)) errors.push(forbidden(`spec.securityContext.sysctls[${i}].name`, name));
  });
  return errors.length > 0 ? { reason: 'forbidden sysctls', errors } : undefined;
}

/** sysctls v1.0. */
export const sysctlsV1Dot0 = (pod: PodView): CheckViolation | undefined => sysctls(pod, SAFE_V1_0);
/** sysctls v1.27: adds net.ipv4.ip_local_reserved_ports. */
export const sysctlsV1Dot27 = (pod: PodView): CheckViolation | undefined => sysctls(pod, SAFE_V1_27);
/** sysctls v1.29: adds the tcp keepalive / fin_timeout sysctls. */
export const sysctlsV1Dot29 = (pod: PodView): CheckViolation | undefined => sysctls(pod, SAFE_V1_29);
/** sysctls v1.32: adds net.ipv4.tcp_rmem and net.ipv4.tcp_wmem. */
export const sysctlsV1Dot32 = (pod: PodView): CheckViolation | undefined => sysctls(pod, SAFE_V1_32);
