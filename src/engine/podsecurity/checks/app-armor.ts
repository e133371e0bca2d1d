// Baseline "AppArmor": the beta annotations and the appArmorProfile.type fields must not select
// Unconfined (or any profile other than the runtime default or a localhost one).
import type { JsonObject } from '../../json.js';
import { forbidden, sortedUnique, type CheckViolation, type FieldError } from '../field-error.js';
import { annotations, obj, securityContext, str, type PodView } from '../pod-view.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotation(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

/** The appArmorProfile.type of a pod spec or container; undefined when appArmorProfile is unset. */
function profileType(o: JsonObject): string | undefined {
  const profile = obj(securityContext(o), 'appArmorProfile');
  return profile ? str(profile, 'type') : undefined;
}

/** appArmorProfile v1.0: pod field, container fields, then annotations (by key). */
export function appArmorProfileV1Dot0(pod: PodView): CheckViolation | undefined {
  const errors: FieldError[] = [];
  const badTypes: string[] = [];
  const fieldTargets = [
    { o: pod.spec, field: 'spec.securityContext.appArmorProfile.type' },
    ...pod.containers.map((c) => ({
      o: c.container,
      field: `${c.path}.securityContext.appArmorProfile.type`,
    })),
  ];
  for (const { o, field } of fieldTargets) {
    const t = profileType(o);
    if (t === undefined || t === 'RuntimeDefault' || t === 'Localhost') continue;
    badTypes.push(t);
    errors.push(forbidden(field, t));
  }
  const badAnnotations = annotations(pod.metadata).filter(
    ([k, v]) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(v),
  );
  for (const [k, v] of badAnnotations) errors.push(forbidden(`metadata.annotations[${k}]`, v));
  const badCount = sortedUnique(badTypes).length + badAnnotations.length;
  if (errors.length === 0) return undefined;
  return { reason: badCount === 1 ? 'forbidden AppArmor profile' : 'forbidden AppArmor profiles', errors };
}
