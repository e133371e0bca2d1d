// "Seccomp": baseline forbids Unconfined (annotations before v1.19, fields after); restricted
// additionally requires RuntimeDefault or Localhost on the pod or on every container.
import { getOwn, type JsonObject } from '../../json.js';
import { forbidden, required, type CheckViolation, type FieldError } from '../field-error.js';
import { isWindowsPod, obj, securityContext, str, type PodView } from '../pod-view.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const POD_FIELD = 'spec.securityContext.seccompProfile.type';

function validType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

function validAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

/** The seccompProfile.type of a pod spec or container; undefined when seccompProfile is unset. */
function profileType(o: JsonObject): string | undefined {
  const profile = obj(securityContext(o), 'seccompProfile');
  return profile ? str(profile, 'type') : undefined;
}

/** seccompProfile_baseline v1.0: the alpha annotations (pod, then per container). */
export function seccompProfileBaselineV1Dot0(pod: PodView): CheckViolation | undefined {
  const all = obj(pod.metadata, 'annotations') ?? {};
  const keys = [POD_ANNOTATION, ...pod.containers.map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  const bad = new Map<string, FieldError>();
  for (const key of keys) {
    const value = getOwn(all, key);
    if (typeof value === 'string' && !validAnnotation(value))
      bad.set(`${key}=${JSON.stringify(value)}`, forbidden(`metadata.annotations[${key}]`, value));
  }
  // Kyverno: the fork collects these in a Go map; sorted here for a stable order.
  const errors = [...bad.keys()].sort().map((k) => bad.get(k) as FieldError);
  return errors.length > 0 ? { reason: 'seccompProfile', errors } : undefined;
}

/** Errors for explicitly invalid seccompProfile types: pod first, then containers. */
function explicitErrors(pod: PodView): FieldError[] {
  const errors: FieldError[] = [];
  const podType = profileType(pod.spec);
  if (podType !== undefined && !validType(podType)) errors.push(forbidden(POD_FIELD, podType));
  for (const c of pod.containers) {
    const t = profileType(c.container);
    if (t !== undefined && !validType(t)) errors.push(forbidden(`${c.path}.securityContext.seccompProfile.type`, t));
  }
  return errors;
}

/** seccompProfile_baseline v1.19: explicitly set types must be RuntimeDefault or Localhost. */
export function seccompProfileBaselineV1Dot19(pod: PodView): CheckViolation | undefined {
  const errors = explicitErrors(pod);
  return errors.length > 0 ? { reason: 'seccompProfile', errors } : undefined;
}

/** seccompProfile_restricted v1.19: explicit bad values win; otherwise unset containers need a valid pod type. */
export function seccompProfileRestrictedV1Dot19(pod: PodView): CheckViolation | undefined {
  const explicit = explicitErrors(pod);
  if (explicit.length > 0) return { reason: 'seccompProfile', errors: explicit };
  const podType = profileType(pod.spec);
  if (podType !== undefined) return undefined;
  const errors = pod.containers
    .filter((c) => profileType(c.container) === undefined)
    .map((c) => required(`${c.path}.securityContext.seccompProfile.type`));
  return errors.length > 0 ? { reason: 'seccompProfile', errors } : undefined;
}

/** seccompProfile_restricted v1.25: Windows pods are exempt. */
export function seccompProfileRestrictedV1Dot25(pod: PodView): CheckViolation | undefined {
  return isWindowsPod(pod.spec) ? undefined : seccompProfileRestrictedV1Dot19(pod);
}
