import { describe, expect, it } from 'vitest';
import { compilePodSecurity } from './compiled-spec.js';
import type { PodSecuritySpec } from './types.js';

const implementations = (spec: unknown): string[] => {
  const c = compilePodSecurity(spec as PodSecuritySpec);
  return 'error' in c ? [`error: ${c.error.message}`] : c.checks.map((k) => `${k.id} ${k.run.name}`);
};

describe('compilePodSecurity selects the implementations once', () => {
  it.each<[string, unknown, string[]]>([
    ['privileged runs nothing', { level: 'privileged', version: 'latest' }, []],
    [
      'baseline latest runs the newest variant of each baseline check',
      { level: 'baseline' },
      [
        'appArmorProfile appArmorProfileV1Dot0',
        'capabilities_baseline capabilitiesBaselineV1Dot0',
        'hostNamespaces hostNamespacesV1Dot0',
        'hostPathVolumes hostPathVolumesV1Dot0',
        'hostPorts hostPortsV1Dot0',
        'privileged privilegedV1Dot0',
        'procMount procMountV1Dot0',
        'seLinuxOptions seLinuxOptionsV1Dot31',
        'seccompProfile_baseline seccompProfileBaselineV1Dot19',
        'sysctls sysctlsV1Dot32',
        'windowsHostProcess windowsHostProcessV1Dot0',
      ],
    ],
    [
      'restricted v1.22 runs every variant at or below it, and nothing newer',
      { level: 'restricted', version: 'v1.22' },
      [
        'allowPrivilegeEscalation allowPrivilegeEscalationV1Dot8',
        'appArmorProfile appArmorProfileV1Dot0',
        'capabilities_baseline capabilitiesBaselineV1Dot0',
        'capabilities_restricted capabilitiesRestrictedV1Dot22',
        'hostNamespaces hostNamespacesV1Dot0',
        'hostPathVolumes hostPathVolumesV1Dot0',
        'hostPorts hostPortsV1Dot0',
        'privileged privilegedV1Dot0',
        'procMount procMountV1Dot0',
        'restrictedVolumes restrictedVolumesV1Dot0',
        'runAsNonRoot runAsNonRootV1Dot0',
        'seLinuxOptions seLinuxOptionsV1Dot0',
        'seccompProfile_baseline seccompProfileBaselineV1Dot0',
        'seccompProfile_baseline seccompProfileBaselineV1Dot19',
        'seccompProfile_restricted seccompProfileRestrictedV1Dot19',
        'sysctls sysctlsV1Dot0',
        'windowsHostProcess windowsHostProcessV1Dot0',
      ],
    ],
    [
      'an unknown level is kept as the evaluation error',
      { level: 'strict' },
      ['error: unknown pod security level "strict"'],
    ],
    [
      'an unparsable version is kept as the evaluation error',
      { level: 'baseline', version: '1.25' },
      ['error: failed to parse pod security api version: must be "latest" or "v1.x"'],
    ],
    [
      'a null block keeps the TypeError reading it raises',
      null,
      ["error: Cannot read properties of null (reading 'level')"],
    ],
  ])('%s', (_name, spec, want) => {
    expect(implementations(spec)).toEqual(want);
  });

  it.each<[string, unknown, number]>([
    ['a list of excludes is kept', { level: 'baseline', exclude: [{ controlName: 'Sysctls' }] }, 1],
    ['no excludes', { level: 'baseline' }, 0],
    ['a non-list exclude reads as none', { level: 'baseline', exclude: 'Sysctls' }, 0],
  ])('%s', (_name, spec, want) => {
    const c = compilePodSecurity(spec as PodSecuritySpec);
    expect('error' in c ? -1 : c.excludes.length).toBe(want);
  });
});
