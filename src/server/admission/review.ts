// Decoding an admission.k8s.io/v1 AdmissionReview request: shape checks with a clear reason for every 400.
import { isObject, type JsonObject, type JsonValue } from '../../engine/index.js';

/** The operations the API server sends to admission webhooks. */
export const ADMISSION_OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;
export type AdmissionOperation = (typeof ADMISSION_OPERATIONS)[number];

/** The group/version/kind of the object in the request. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The fields of `request` the admission core relies on, checked; `raw` keeps the rest. */
export interface AdmissionReviewRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly operation: AdmissionOperation;
  readonly name: string;
  readonly namespace: string;
  /** '' when the request is not for a subresource. */
  readonly subResource: string;
  readonly object: JsonObject | null;
  readonly oldObject: JsonObject | null;
  readonly userInfo?: JsonObject;
  readonly dryRun: boolean;
  readonly raw: JsonObject;
}

/** Deepest JSON nesting accepted; real objects stay far below, hostile payloads do not. */
export const MAX_NESTING_DEPTH = 100;

type Decoded = { ok: true; review: AdmissionReviewRequest } | { ok: false; error: string };

/** Check an AdmissionReview (bytes, JSON text or parsed value); never throws. */
export function decodeAdmissionReview(body: unknown): Decoded {
  const parsed = parseBody(body);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const doc = parsed.value;
  if (!isObject(doc)) return { ok: false, error: 'AdmissionReview must be a JSON object' };
  if (tooDeep(doc, 0)) return { ok: false, error: `AdmissionReview nests deeper than ${MAX_NESTING_DEPTH} levels` };
  if (doc.apiVersion !== 'admission.k8s.io/v1')
    return {
      ok: false,
      error: `unsupported apiVersion ${JSON.stringify(doc.apiVersion ?? null)}, want admission.k8s.io/v1`,
    };
  if (doc.kind !== 'AdmissionReview')
    return { ok: false, error: `unsupported kind ${JSON.stringify(doc.kind ?? null)}, want AdmissionReview` };
  if (!isObject(doc.request)) return { ok: false, error: 'AdmissionReview has no request object' };
  const problem = requestProblem(doc.request);
  return problem ? { ok: false, error: problem } : { ok: true, review: toRequest(doc.request) };
}

function parseBody(body: unknown): { value: unknown } | { error: string } {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return { value: body };
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: `AdmissionReview is not valid JSON: ${(e as Error).message}` };
  }
}

// Recursive, but stops as soon as the limit is crossed, so the stack never grows past MAX_NESTING_DEPTH. Plain
// loops: this runs over every review, and closures per node cost more than the walk itself.
function tooDeep(v: unknown, depth: number): boolean {
  if (depth > MAX_NESTING_DEPTH) return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (tooDeep(x, depth + 1)) return true;
    return false;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (tooDeep(o[k], depth + 1)) return true;
  return false;
}

// The first shape problem of `request`, or undefined.
function requestProblem(r: JsonObject): string | undefined {
  if (typeof r.uid !== 'string' || r.uid === '') return 'request.uid must be a non-empty string';
  if (!isObject(r.kind) || typeof r.kind.kind !== 'string' || r.kind.kind === '')
    return 'request.kind must be a group/version/kind object';
  if (!ADMISSION_OPERATIONS.includes(r.operation as AdmissionOperation))
    return `request.operation must be one of ${ADMISSION_OPERATIONS.join(', ')}`;
  for (const field of ['name', 'namespace', 'subResource'] as const)
    if (r[field] !== undefined && typeof r[field] !== 'string') return `request.${field} must be a string`;
  if (r.dryRun !== undefined && typeof r.dryRun !== 'boolean') return 'request.dryRun must be a boolean';
  if (r.userInfo !== undefined && !isObject(r.userInfo)) return 'request.userInfo must be an object';
  for (const field of ['object', 'oldObject'] as const)
    if (r[field] !== undefined && r[field] !== null && !isObject(r[field])) return `request.${field} must be an object`;
  return objectsProblem(r);
}

// Which objects each operation must carry (DELETE: the old one; CREATE/UPDATE: the new one; UPDATE: both).
function objectsProblem(r: JsonObject): string | undefined {
  const op = r.operation as AdmissionOperation;
  if ((op === 'CREATE' || op === 'UPDATE') && !isObject(r.object)) return `request.object is required for ${op}`;
  if ((op === 'UPDATE' || op === 'DELETE') && !isObject(r.oldObject)) return `request.oldObject is required for ${op}`;
  return undefined;
}

function toRequest(r: JsonObject): AdmissionReviewRequest {
  const kind = r.kind as JsonObject;
  return {
    uid: r.uid as string,
    kind: { group: str(kind.group), version: str(kind.version), kind: str(kind.kind) },
    operation: r.operation as AdmissionOperation,
    name: str(r.name),
    namespace: str(r.namespace),
    subResource: str(r.subResource),
    object: isObject(r.object) ? r.object : null,
    oldObject: isObject(r.oldObject) ? r.oldObject : null,
    userInfo: isObject(r.userInfo) ? r.userInfo : undefined,
    dryRun: r.dryRun === true,
    raw: r,
  };
}

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}
