// Kyverno: kyverno-cel-semantics §1.3, §5.2.1 — the CEL variables of a `validate.cel` rule, built from the request.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import { splitApiVersion } from '../../match/kind-selector.js';
import { toCelValue } from '../../cel/values.js';
import { pluralResourceOf } from '../../kube/rest-mapping.js';
import type { CelNumbers } from '../request.js';
import type { RequestMemo } from '../request-memo.js';

/** The request-derived variables of one evaluation: `object`, `oldObject`, `request`, `namespaceObject`. */
export interface CelInputs {
  readonly object: JsonObject | null;
  readonly oldObject: JsonObject | null;
  /** The namespace the resource lives in ('' for cluster-scoped resources and Namespaces). */
  readonly namespace: string;
  /** CEL values, ready for an activation. */
  readonly activation: Readonly<Record<string, unknown>>;
}

/**
 * Build the inputs from the context's `request` document (operation, object, oldObject, userInfo, admission
 * fields). Every validate.cel rule of a request reads the same document (values that change it make a new one), so
 * with the request's memo they are built once per document and number mode.
 */
export function celInputs(request: JsonObject, numbers: CelNumbers, memo: RequestMemo | undefined): CelInputs {
  const known = memo?.celInputs(numbers);
  let inputs = known?.get(request);
  if (!inputs) {
    inputs = buildInputs(request, numbers);
    known?.set(request, inputs);
  }
  return inputs;
}

function buildInputs(request: JsonObject, numbers: CelNumbers): CelInputs {
  const object = isObject(request.object) ? request.object : null;
  const oldObject = isObject(request.oldObject) ? request.oldObject : null;
  const subject = object ?? oldObject ?? {};
  const gvk = groupVersionKind(subject);
  // Kyverno: a Namespace is not "in" a namespace, so it gets no namespaceObject.
  const isNamespace = gvk.kind === 'Namespace' && gvk.group === '' && gvk.version === 'v1';
  const namespace = isNamespace ? '' : metadataString(subject, 'namespace');
  return {
    object,
    oldObject,
    namespace,
    activation: {
      object: triggerValue(object, numbers),
      oldObject: triggerValue(oldObject, numbers),
      request: toCelValue(admissionRequest(request, subject, gvk)),
      namespaceObject: namespace === '' ? null : toCelValue(namespaceObject(namespace)),
    },
  };
}

// Kyverno: §5.2.1 (CLI quirk) — in the CLI, numbers of the trigger resource are doubles in CEL; the webhook gives
// ints.
function triggerValue(resource: JsonObject | null, numbers: CelNumbers): unknown {
  return resource ? toCelValue(resource, { numbersAsDouble: numbers === 'double' }) : null;
}

// Kyverno: §1.3 (CLI) — the namespace object holds only its name (no labels, no annotations).
function namespaceObject(name: string): JsonObject {
  return { metadata: { name } };
}

interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

function groupVersionKind(resource: JsonObject): Gvk {
  const { group, version } = splitApiVersion(String(resource.apiVersion ?? ''));
  return { group, version, kind: String(resource.kind ?? '') };
}

function metadataString(resource: JsonObject, field: string): string {
  const md = isObject(resource.metadata) ? resource.metadata : {};
  const v = md[field];
  return typeof v === 'string' ? v : '';
}

/** The Kubernetes admission request without object fields (§1.3); admission-review fields win when present. */
function admissionRequest(request: JsonObject, subject: JsonObject, gvk: Gvk): JsonObject {
  const kind = objectOr(request.kind, { ...gvk });
  const resource = objectOr(request.resource, {
    group: gvk.group,
    version: gvk.version,
    resource: pluralResourceOf(String(subject.apiVersion ?? ''), gvk.kind),
  });
  const subResource = stringOr(request.subResource, '');
  return {
    kind,
    resource,
    subResource,
    requestKind: objectOr(request.requestKind, kind),
    requestResource: objectOr(request.requestResource, resource),
    requestSubResource: stringOr(request.requestSubResource, subResource),
    name: stringOr(request.name, metadataString(subject, 'name')),
    namespace: metadataString(subject, 'namespace'),
    operation: stringOr(request.operation, 'CREATE'),
    userInfo: userInfo(request.userInfo),
    dryRun: request.dryRun === true,
    options: request.options ?? null,
  };
}

function userInfo(v: JsonValue | undefined): JsonObject {
  const u = isObject(v) ? v : {};
  return {
    username: stringOr(u.username, ''),
    uid: stringOr(u.uid, ''),
    groups: Array.isArray(u.groups) ? u.groups : [],
    extra: isObject(u.extra) ? u.extra : {},
  };
}

const objectOr = (v: JsonValue | undefined, fallback: JsonObject): JsonObject => (isObject(v) ? v : fallback);
const stringOr = (v: JsonValue | undefined, fallback: string): string => (typeof v === 'string' ? v : fallback);
