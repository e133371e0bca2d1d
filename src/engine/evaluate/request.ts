// What one evaluation is about: the request (admission or CLI) and the environment the engine is given.
import { copyObject, isObject, type JsonObject, type JsonValue } from '../json.js';
import { boundedMemo } from '../primitives/bounded-memo.js';
import type { Clock, ClusterReader } from '../ports.js';
import type { QueryCache } from '../context/query-cache.js';
import type { RequestUser } from '../match/match.js';
import type { ExceptionIndex } from '../exceptions/select.js';
import type { RequestMemo } from './request-memo.js';

/** A request to evaluate policies against: admission request, background scan or CLI run. */
export interface EvaluationRequest {
  /** CREATE, UPDATE, DELETE or CONNECT; undefined for a background scan. */
  readonly operation?: string;
  /** The new object; null for DELETE. */
  readonly object: JsonObject | null;
  readonly oldObject?: JsonObject | null;
  readonly subresource?: string;
  /** Requester; absent in background scans and CLI runs without a userinfo file. */
  readonly user?: RequestUser & { readonly userInfo: JsonObject };
  /** Labels of the resource's namespace (namespaceSelector). */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /** Further `request.*` fields of an admission review (uid, kind, name, dryRun …). */
  readonly admission?: JsonObject;
}

/** Values a `kyverno test` values file injects for one policy (spec §14.3). */
export interface PolicyValues {
  /** The operation this policy's request simulates (the test row's, else `request.operation` of the values). */
  readonly operation?: string;
  /** Dotted paths written into the context before evaluation (globalValues, then per-resource values). */
  readonly context: readonly (readonly [string, JsonValue])[];
  /** Per rule: dotted paths written when the rule's context loads; foreachValues take index 0. */
  readonly rules: ReadonlyMap<string, readonly (readonly [string, JsonValue])[]>;
}

/** How CEL sees the numbers of the trigger resource: Kyverno's webhook gives ints, its CLI doubles (kyverno-cel-semantics §5.2.1). */
export type CelNumbers = 'int' | 'double';

/** The environment of an evaluation: compiled-query cache, clock and optional cluster access. */
export interface EvaluationEnv {
  readonly queries: QueryCache;
  readonly clock: Clock;
  readonly cluster?: ClusterReader;
  /** Registry prepended to images without one (Kyverno default: docker.io). */
  readonly defaultRegistry?: string;
  /** PolicyExceptions in force. */
  readonly exceptions?: ExceptionIndex;
  /** Number mode of `validate.cel` rules (default 'int', as in admission). */
  readonly celNumbers?: CelNumbers;
  /** In a CLI run, the trigger as Kyverno's CLI loaded it: every number a float64 (mutate foreach compares it). */
  readonly loadedTrigger?: JsonObject;
  /** What the rules of this request share, made per request (none: nothing is shared). */
  readonly memo?: RequestMemo;
}

/** The `request` object of the JSON context. */
export function requestDocument(req: EvaluationRequest): JsonObject {
  const obj = req.object;
  const ns = namespaceOf(obj ?? req.oldObject ?? null);
  const doc = req.admission ? copyObject(req.admission) : {};
  if (req.operation !== undefined) doc.operation = req.operation;
  doc.object = obj;
  if (req.oldObject !== undefined) doc.oldObject = req.oldObject;
  if (doc.namespace === undefined) doc.namespace = ns;
  if (req.user) {
    doc.userInfo = req.user.userInfo;
    doc.roles = [...req.user.roles];
    doc.clusterRoles = [...req.user.clusterRoles];
  }
  return doc;
}

/** The namespace a resource lives in ('' when cluster-scoped or unset). */
export function namespaceOf(obj: JsonObject | null): string {
  const md = obj && isObject(obj.metadata) ? obj.metadata : undefined;
  return md && typeof md.namespace === 'string' ? md.namespace : '';
}

/** `system:serviceaccount:<ns>:<name>` → {namespace, name}; empty strings for other users. The answer is shared:
 *  read it, do not change it. */
export function parseServiceAccount(username: string): { readonly namespace: string; readonly name: string } {
  // Most requesters are not service accounts: answered without splitting their name.
  if (!username.startsWith('system:serviceaccount:')) return NOT_A_SERVICE_ACCOUNT;
  return serviceAccountOf(username);
}

const NOT_A_SERVICE_ACCOUNT = Object.freeze({ namespace: '', name: '' });

// The requesters of a cluster are few and come back (Argo CD's application controller sends every sync).
const serviceAccountOf = boundedMemo(1024, (username: string) => {
  const parts = username.split(':');
  return parts.length === 4 ? Object.freeze({ namespace: parts[2], name: parts[3] }) : NOT_A_SERVICE_ACCOUNT;
});
