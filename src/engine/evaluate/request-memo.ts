// What the rules of one request share: its base context, `request` document, match subjects, validate.cel inputs
// and podSecurity findings, each built once. RequestViews makes one per request, and it goes with the request.
//
// Why not module-level WeakMaps keyed by the request (as before): V8's scavenger does not clear WeakMap entries.
// An entry whose key died young stays, its value is promoted, and both stay until a full collection (measured:
// 200,000 dead keys left 62 MB in the old generation, none without the WeakMap). Every request's entries were
// promoted that way: ~2.7 KB per review in `tollgate serve`, whose RSS climbed from 170 to 260 MiB between full
// collections. Maps inside an object that dies with the request die with it.
import type { ContextSources } from '../context/entries.js';
import type { JsonObject } from '../json.js';
import type { ClusterReader } from '../ports.js';
import type { MatchSubject } from '../match/match.js';
import type { ResourceId } from '../result/rule-result.js';
import { PodFindingsMemo } from '../podsecurity/index.js';
import type { BaseContext } from './base-context.js';
import type { CelNumbers, EvaluationRequest } from './request.js';
import type { CelInputs } from './validate/cel-inputs.js';
import { RuleScope } from './validate/scope.js';
import { SmallMap } from '../primitives/small-map.js';

/** What the memo keeps for one request object (a request may be seen as several: old objects, mutated objects). */
export interface PerRequest {
  /** The base context without test values. */
  base?: BaseContext;
  /** The `request` document and service-account names. */
  parts?: JsonObject;
  /** The match subject last built, and what it was built from. */
  subject?: { readonly resource: JsonObject; readonly operation: string | undefined; readonly subject: MatchSubject };
}

/** The memo of one request. Lookups and their builds are split so that a hit allocates nothing (no closure). */
export class RequestMemo {
  /** Resource identities by resource object (every response of the request names its resource). */
  readonly resourceIds = new SmallMap<JsonObject, ResourceId>();
  readonly #byRequest = new SmallMap<EvaluationRequest, PerRequest>();
  #celInputs: Record<CelNumbers, Map<JsonObject, CelInputs>> | undefined;
  #clusterWideSources: ContextSources | undefined;
  #ruleScope: RuleScope | undefined;
  #podFindings: PodFindingsMemo | undefined;

  /** podSecurity findings per resource object (made on first use: most requests meet no podSecurity rule). */
  get podFindings(): PodFindingsMemo {
    return (this.#podFindings ??= new PodFindingsMemo());
  }

  /** What is kept for `req`, empty at first. */
  of(req: EvaluationRequest): PerRequest {
    let entry = this.#byRequest.get(req);
    if (!entry) this.#byRequest.set(req, (entry = {}));
    return entry;
  }

  /** The context sources of every cluster-wide policy's rules in this request: one object, not one per rule. */
  clusterWideSources(cluster: ClusterReader | undefined): ContextSources {
    const known = this.#clusterWideSources;
    if (known && known.cluster === cluster) return known;
    return (this.#clusterWideSources = { cluster, policyNamespace: '' });
  }

  /** The rule-level validate scope of this request, refilled by each rule (see RuleScope). */
  ruleScope(): RuleScope {
    return (this.#ruleScope ??= new RuleScope());
  }

  /** validate.cel inputs by the context's `request` document, in one number mode (made on first use). */
  celInputs(numbers: CelNumbers): Map<JsonObject, CelInputs> {
    this.#celInputs ??= { int: new Map(), double: new Map() };
    return this.#celInputs[numbers];
  }
}
