// Kyverno: spec §6.1, §14.3 — the JSON context of one policy × resource, with test values applied.
import { copyObject, isObject, type JsonObject } from '../json.js';
import { ContextError, JsonContext } from '../context/json-context.js';
import { extractImages } from '../images/index.js';
import {
  requestDocument,
  parseServiceAccount,
  type EvaluationEnv,
  type EvaluationRequest,
  type PolicyValues,
} from './request.js';

/** The context plus the request as it stands after values were applied. */
export interface BaseContext {
  readonly ctx: JsonContext;
  readonly object: JsonObject | null;
  readonly oldObject: JsonObject | null;
  readonly operation?: string;
}

/** Build the context Kyverno gives every rule of one policy for one request; read it through `ctx.fork()`. */
export function buildBaseContext(req: EvaluationRequest, env: EvaluationEnv, values?: PolicyValues): BaseContext {
  // Without test values every policy of a request gets the same base. Rules only ever write to forks of it
  // (contexts copy on write), so sharing it cannot leak one rule's data into another.
  if (values || !env.memo) return newBaseContext(req, env, values);
  const entry = env.memo.of(req);
  return (entry.base ??= newBaseContext(req, env, undefined));
}

function newBaseContext(req: EvaluationRequest, env: EvaluationEnv, values: PolicyValues | undefined): BaseContext {
  const data = copyObject(requestParts(req, env));
  const isDelete = req.operation === 'DELETE';
  const runtime = { clock: env.clock };
  const ctx = new JsonContext(data, env.queries, runtime, isDelete);
  if (values) for (const [k, v] of values.context) ctx.setPath(k, v);
  // Kyverno: values that overwrite request.object/oldObject change the evaluated resource (spec §14.3 step 4).
  const request = isObject(ctx.data.request) ? ctx.data.request : {};
  const object = isObject(request.object) ? request.object : null;
  const oldObject = isObject(request.oldObject) ? request.oldObject : null;
  // Kyverno builds `images` for every request; it is computed here only when an expression reads it.
  const imageSource = object ?? oldObject;
  if (imageSource && !ctx.has('images')) {
    const registry = env.defaultRegistry ?? 'docker.io';
    ctx.defer(
      'images',
      once(() => imagesOf(imageSource, registry)),
    );
  }
  const operation = typeof request.operation === 'string' ? request.operation : undefined;
  return { ctx, object, oldObject, operation };
}

// Kyverno loads `images` lazily: an unparseable image or unnamed container fails the expression that reads it,
// with the extraction's own message.
function imagesOf(resource: JsonObject, registry: string): JsonObject | undefined {
  try {
    return extractImages(resource, registry);
  } catch (e) {
    throw new ContextError((e as Error).message);
  }
}

// Every fork of a shared base loads `images` on its own; the extraction (or its error) is the same each time.
function once<T>(load: () => T): () => T {
  let done: { value: T } | { error: unknown } | undefined;
  return () => {
    done ??= tryLoad(load);
    if ('error' in done) throw done.error;
    return done.value;
  };
}

function tryLoad<T>(load: () => T): { value: T } | { error: unknown } {
  try {
    return { value: load() };
  } catch (error) {
    return { error };
  }
}

// Every policy of one request starts from the same `request` document and service-account names; they are
// built once per request (contexts copy on write, so sharing them is safe).
function requestParts(req: EvaluationRequest, env: EvaluationEnv): JsonObject {
  const entry = env.memo?.of(req);
  if (entry?.parts) return entry.parts;
  const parts: JsonObject = { request: requestDocument(req) };
  if (req.user) {
    const sa = parseServiceAccount(String(req.user.userInfo.username ?? ''));
    parts.serviceAccountName = sa.name;
    parts.serviceAccountNamespace = sa.namespace;
  }
  if (entry) entry.parts = parts;
  return parts;
}
