// PSS control names as Kyverno exposes them, and their mapping to pod-security-admission check ids.

/** Every control name a `podSecurity.exclude[].controlName` may use (Kyverno's CRD enum). */
export const CONTROL_NAMES = [
  'HostProcess',
  'Host Namespaces',
  'Privileged Containers',
  'Capabilities',
  'HostPath Volumes',
  'Host Ports',
  'AppArmor',
  'SELinux',
  '/proc Mount Type',
  'Seccomp',
  'Sysctls',
  'Volume Types',
  'Privilege Escalation',
  'Running as Non-root',
  'Running as Non-root user',
] as const;

export type ControlName = (typeof CONTROL_NAMES)[number];

/** Controls whose restricted fields live only on containers: excludes must name images. */
export const CONTAINER_LEVEL_CONTROLS: readonly string[] = [
  'Capabilities',
  'Privileged Containers',
  'Host Ports',
  '/proc Mount Type',
  'Privilege Escalation',
];

/** Controls whose restricted fields live only on the pod: excludes must not name images. */
export const POD_LEVEL_CONTROLS: readonly string[] = ['Host Namespaces', 'HostPath Volumes', 'Sysctls', 'Volume Types'];

/** Control name → the check ids it covers (Capabilities and Seccomp have one per level). */
export const CONTROL_CHECK_IDS: Readonly<Record<ControlName, readonly string[]>> = {
  Capabilities: ['capabilities_baseline', 'capabilities_restricted'],
  Seccomp: ['seccompProfile_baseline', 'seccompProfile_restricted'],
  'Privileged Containers': ['privileged'],
  'Host Ports': ['hostPorts'],
  '/proc Mount Type': ['procMount'],
  HostProcess: ['windowsHostProcess'],
  SELinux: ['seLinuxOptions'],
  'Host Namespaces': ['hostNamespaces'],
  'HostPath Volumes': ['hostPathVolumes'],
  Sysctls: ['sysctls'],
  AppArmor: ['appArmorProfile'],
  'Privilege Escalation': ['allowPrivilegeEscalation'],
  'Running as Non-root': ['runAsNonRoot'],
  'Running as Non-root user': ['runAsUser'],
  'Volume Types': ['restrictedVolumes'],
};

/** True for a known control name. */
export function isControlName(name: string): name is ControlName {
  return (CONTROL_NAMES as readonly string[]).includes(name);
}

/** The check ids of a control name; [] for an unknown name. */
export function checkIdsOf(controlName: string): readonly string[] {
  return isControlName(controlName) ? CONTROL_CHECK_IDS[controlName] : [];
}

// Every failure is named by its control: the table above read backwards, once.
const CONTROL_OF_CHECK: ReadonlyMap<string, ControlName> = new Map(
  CONTROL_NAMES.flatMap((name) => CONTROL_CHECK_IDS[name].map((id) => [id, name] as const)),
);

/** The control name of a check id ("" when unmapped). */
export function controlNameOf(checkId: string): string {
  return CONTROL_OF_CHECK.get(checkId) ?? '';
}
