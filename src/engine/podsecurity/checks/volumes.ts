// "HostPath Volumes" (baseline) and "Volume Types" (restricted: only inline sources known to be safe).
import { isObject, type JsonObject } from '../../json.js';
import { forbidden, type CheckViolation, type FieldError } from '../field-error.js';
import { isSet, list, obj, str, type PodView } from '../pod-view.js';

// Kyverno: spec §4.11 lists the allowed restricted volume types.
const ALLOWED_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
// Restricted sources in the order upstream tests them; anything else is reported as "unknown".
const RESTRICTED_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function volumes(pod: PodView): JsonObject[] {
  return list(pod.spec, 'volumes').map((v) => (isObject(v) ? v : {}));
}

/** hostPathVolumes v1.0: the bad value is the host path. */
export function hostPathVolumesV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  volumes(pod).forEach((v, i) => {
    const hostPath = obj(v, 'hostPath');
    if (hostPath) errors.push(forbidden(`spec.volumes[${i}].hostPath`, str(hostPath, 'path')));
  });
  return errors.length > 0 ? { reason: 'hostPath volumes', errors } : undefined;
}

/** restrictedVolumes v1.0: one error per volume without an allowed source, naming its restricted source. */
export function restrictedVolumesV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  volumes(pod).forEach((v, i) => {
    if (ALLOWED_SOURCES.some((s) => isSet(v, s))) return;
    const source = RESTRICTED_SOURCES.find((s) => isSet(v, s)) ?? 'unknown';
    errors.push(forbidden(`spec.volumes[${i}].${source}`));
  });
  return errors.length > 0 ? { reason: 'restricted volume types', errors } : undefined;
}
