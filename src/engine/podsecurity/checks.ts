// Registry of pod-security-admission checks: level and versioned implementations, in upstream order
// (Go registers them file by file, so DefaultChecks() is ordered by source file name).
import type { CheckViolation } from './field-error.js';
import type { PodView } from './pod-view.js';
import { appArmorProfileV1Dot0 } from './checks/app-armor.js';
import {
  capabilitiesBaselineV1Dot0,
  capabilitiesRestrictedV1Dot22,
  capabilitiesRestrictedV1Dot25,
} from './checks/capabilities.js';
import { hostNamespacesV1Dot0 } from './checks/host-namespaces.js';
import { hostPortsV1Dot0 } from './checks/host-ports.js';
import { windowsHostProcessV1Dot0 } from './checks/host-process.js';
import { allowPrivilegeEscalationV1Dot25, allowPrivilegeEscalationV1Dot8 } from './checks/privilege-escalation.js';
import { privilegedV1Dot0 } from './checks/privileged.js';
import { procMountV1Dot0 } from './checks/proc-mount.js';
import { runAsNonRootV1Dot0 } from './checks/run-as-non-root.js';
import { runAsUserV1Dot23 } from './checks/run-as-user.js';
import {
  seccompProfileBaselineV1Dot0,
  seccompProfileBaselineV1Dot19,
  seccompProfileRestrictedV1Dot19,
  seccompProfileRestrictedV1Dot25,
} from './checks/seccomp.js';
import { seLinuxOptionsV1Dot0, seLinuxOptionsV1Dot31 } from './checks/selinux.js';
import { sysctlsV1Dot0, sysctlsV1Dot27, sysctlsV1Dot29, sysctlsV1Dot32 } from './checks/sysctls.js';
import { hostPathVolumesV1Dot0, restrictedVolumesV1Dot0 } from './checks/volumes.js';

export type CheckFn = (pod: PodView) => CheckViolation | undefined;

/** One implementation of a check, applying from policy version v1.<minMinor>. */
export interface VersionedCheck {
  readonly minMinor: number;
  readonly run: CheckFn;
}

/** A check: its id, the level that introduces it, and its versions (strictly increasing). */
export interface PssCheck {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}

const v = (minMinor: number, run: CheckFn): VersionedCheck => ({ minMinor, run });

/** All checks, in pod-security-admission's DefaultChecks() order. */
export const PSS_CHECKS: readonly PssCheck[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [v(8, allowPrivilegeEscalationV1Dot8), v(25, allowPrivilegeEscalationV1Dot25)],
  },
  { id: 'appArmorProfile', level: 'baseline', versions: [v(0, appArmorProfileV1Dot0)] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [v(0, capabilitiesBaselineV1Dot0)] },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [v(22, capabilitiesRestrictedV1Dot22), v(25, capabilitiesRestrictedV1Dot25)],
  },
  { id: 'hostNamespaces', level: 'baseline', versions: [v(0, hostNamespacesV1Dot0)] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [v(0, hostPathVolumesV1Dot0)] },
  { id: 'hostPorts', level: 'baseline', versions: [v(0, hostPortsV1Dot0)] },
  { id: 'privileged', level: 'baseline', versions: [v(0, privilegedV1Dot0)] },
  { id: 'procMount', level: 'baseline', versions: [v(0, procMountV1Dot0)] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [v(0, restrictedVolumesV1Dot0)] },
  { id: 'runAsNonRoot', level: 'restricted', versions: [v(0, runAsNonRootV1Dot0)] },
  { id: 'runAsUser', level: 'restricted', versions: [v(23, runAsUserV1Dot23)] },
  { id: 'seLinuxOptions', level: 'baseline', versions: [v(0, seLinuxOptionsV1Dot0), v(31, seLinuxOptionsV1Dot31)] },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [v(0, seccompProfileBaselineV1Dot0), v(19, seccompProfileBaselineV1Dot19)],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [v(19, seccompProfileRestrictedV1Dot19), v(25, seccompProfileRestrictedV1Dot25)],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [v(0, sysctlsV1Dot0), v(27, sysctlsV1Dot27), v(29, sysctlsV1Dot29), v(32, sysctlsV1Dot32)],
  },
  { id: 'windowsHostProcess', level: 'baseline', versions: [v(0, windowsHostProcessV1Dot0)] },
];
