// What the rules of one request share: its base context, `request` document, match subjects, validate.cel inputs
// and podSecurity findings, each built once. RequestViews makes one per request, and it goes with the request.
//
// Why not module-level WeakMaps keyed by the request (as before): V8's scavenger keeps a WeakMap's entries alive
// while their key is in the young generation, so every request's entries survived their scavenges, were promoted,
// and stayed until a full collection. `tollgate serve` promoted ~2.7 KB per review that way, and its RSS climbed
// from 170 to 260 MiB between full collections. Maps inside an object that dies with the request die with it.
import type { JsonObject } from '../json.js';
import type { MatchSubject } from '../match/match.js';
import { PodFindingsMemo } from '../podsecurity/index.js';
import type { BaseContext } from './base-context.js';
import type { CelNumbers, EvaluationRequest } from './request.js';
import type { CelInputs } from './validate/cel-inputs.js';

/** A match subject and what it was built from. */
interface SubjectEntry {
  readonly resource: JsonObject;
  readonly operation: string | undefined;
  readonly subject: MatchSubject;
}

/** The memo of one request; every lookup builds on a miss. */
export class RequestMemo {
  /** podSecurity findings per resource object. */
  readonly podFindings = new PodFindingsMemo();
  readonly #bases = new Map<EvaluationRequest, BaseContext>();
  readonly #requestParts = new Map<EvaluationRequest, JsonObject>();
  readonly #subjects = new Map<EvaluationRequest, SubjectEntry>();
  readonly #celInputs: Record<CelNumbers, Map<JsonObject, CelInputs>> = { int: new Map(), double: new Map() };

  /** The base context (without test values) of `req`. */
  base(req: EvaluationRequest, build: () => BaseContext): BaseContext {
    return lookup(this.#bases, req, build);
  }

  /** The `request` document and service-account names of `req`. */
  requestParts(req: EvaluationRequest, build: () => JsonObject): JsonObject {
    return lookup(this.#requestParts, req, build);
  }

  /** The match subject of `resource` under `req` and `operation` (the last one asked for per request). */
  subject(
    req: EvaluationRequest,
    resource: JsonObject,
    operation: string | undefined,
    build: () => MatchSubject,
  ): MatchSubject {
    const last = this.#subjects.get(req);
    if (last && last.resource === resource && last.operation === operation) return last.subject;
    const subject = build();
    this.#subjects.set(req, { resource, operation, subject });
    return subject;
  }

  /** The validate.cel inputs of a context's `request` document in one number mode. */
  celInputs(request: JsonObject, numbers: CelNumbers, build: () => CelInputs): CelInputs {
    return lookup(this.#celInputs[numbers], request, build);
  }
}

function lookup<K, V>(map: Map<K, V>, key: K, build: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = build()));
  return value;
}
