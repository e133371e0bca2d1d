// Kyverno: spec §2.3, §13.2, kyverno-cel-semantics §6.2 — the one evaluation pipeline: every mutate policy in order,
// then every validate policy, then generate; the same for the webhook, background scans and CLI runs.
import jsonpatch from 'fast-json-patch';
import type { JsonObject } from '../json.js';
import type { RuleResult } from '../result/rule-result.js';
import type { PolicyEntry } from '../kinds/types.js';
import { internalsOf, type PolicySet, type SetInternals } from '../policy-set/policy-set.js';
import { RequestViews } from './request-views.js';
import type {
  AdmissionDecision,
  AdmissionEffect,
  EngineResponse,
  Evaluation,
  EvaluationDeadline,
  EvaluationOptions,
  EvaluationServices,
  GeneratedObject,
  JsonPatchOperation,
  PolicyRequest,
  RequestOrigin,
  Stage,
} from './types.js';

const ORIGIN_STAGES: Readonly<Record<RequestOrigin, readonly Stage[]>> = {
  admission: ['mutate', 'validate', 'generate'],
  // Kyverno: spec §13.7 — background scans report validate results; nothing is mutated or generated.
  background: ['validate'],
  cli: ['mutate', 'validate', 'generate'],
};

/** Evaluate a policy set on one request: mutate, validate, generate (the stages `options` names), in Kyverno's order. */
export function evaluate(
  set: PolicySet,
  request: PolicyRequest,
  services: EvaluationServices,
  options: EvaluationOptions = {},
): Evaluation {
  return new PipelineRun(internalsOf(set), request, services, options.deadline).run(
    options.stages ?? ORIGIN_STAGES[request.origin],
  );
}

class PipelineRun {
  readonly #set: SetInternals;
  readonly #request: PolicyRequest;
  readonly #deadline: EvaluationDeadline | undefined;
  readonly #views: RequestViews;
  /** The object before any mutation: in a CLI run the resource, whatever the operation. */
  readonly #original: JsonObject | null;
  /** The policies of a stage are chosen by the request's object (the old one on DELETE). */
  readonly #selectBy: JsonObject | null;
  #current: JsonObject | null;
  /** Kyverno CLI: classic validate and generate see the classic mutations only, never MutatingPolicy changes (§6.2). */
  #afterClassic: JsonObject | null;
  readonly #responses: EngineResponse[] = [];
  readonly #effects: AdmissionEffect[] = [];
  readonly #unevaluated: { policy: PolicyEntry; blocks: boolean }[] = [];
  #mutationFailure: AdmissionDecision['mutationFailure'];

  constructor(
    set: SetInternals,
    request: PolicyRequest,
    services: EvaluationServices,
    deadline: EvaluationDeadline | undefined,
  ) {
    this.#set = set;
    this.#request = request;
    this.#deadline = deadline;
    this.#original = request.origin === 'cli' ? (request.object ?? request.oldObject ?? null) : request.object;
    this.#selectBy = request.object ?? request.oldObject ?? null;
    this.#current = this.#original;
    this.#afterClassic = this.#original;
    this.#views = new RequestViews(set, request, services, this.#original);
  }

  run(stages: readonly Stage[]): Evaluation {
    if (stages.includes('mutate')) this.#mutate();
    if (stages.includes('validate') && !this.#mutationFailure) this.#validate();
    if (stages.includes('generate') && this.#generates()) this.#generate();
    return new PipelineEvaluation(this.#responses, this.#original, this.#current, this.#decision());
  }

  #select(stage: Stage): readonly PolicyEntry[] {
    return this.#set.select(stage, this.#request.origin, this.#selectBy);
  }

  // Outside the CLI (whose tests want a response from every policy) a policy whose validate rules select only by
  // labels is met only when the object its rules look at (the mutated one, else the old one) carries one of them.
  #validatePolicies(): readonly PolicyEntry[] {
    const r = this.#request;
    if (r.origin === 'cli') return this.#select('validate');
    return this.#set.select('validate', r.origin, this.#selectBy, this.#current ?? r.oldObject ?? null);
  }

  // The object a policy of this family sees after the mutate stage.
  #objectFor(entry: PolicyEntry): JsonObject | null {
    return this.#request.origin === 'cli' && entry.family === 'classic' ? this.#afterClassic : this.#current;
  }

  #mutate(): void {
    // A DELETE has nothing to mutate; the CLI still asks every mutate policy (empty responses are test rows, §14.5).
    if (!this.#current) return;
    const admission = this.#request.origin === 'admission';
    let classicFailInEffect = false;
    for (const entry of this.#select('mutate')) {
      const answer = entry.handler.mutate!(entry, this.#views, this.#current);
      for (const response of answer.responses) this.#responses.push(response);
      if (admission) {
        const fail = entry.admission.failurePolicy === 'Fail';
        // Kyverno: once a classic Fail policy ran in this request, later classic errors reject too (spec §13.2 step 1);
        // a MutatingPolicy answers for itself (kyverno-cel-semantics §3.3).
        if (entry.family === 'classic') classicFailInEffect ||= fail;
        const rejects = entry.family === 'classic' ? classicFailInEffect : fail;
        if (answer.failed.length > 0) {
          if (rejects) {
            this.#mutationFailure = { policy: entry, failed: answer.failed };
            return;
          }
          continue; // Ignore: this policy's patches are discarded.
        }
        for (const response of answer.responses) this.#addEffect(entry, response);
      }
      if (answer.patched) this.#current = answer.patched;
      if (entry.family === 'classic') this.#afterClassic = this.#current;
    }
  }

  #validate(): void {
    const deadline = this.#deadline;
    for (const entry of this.#validatePolicies()) {
      if (deadline?.expired()) {
        // Like a webhook timeout (spec §13.5): a `Fail` policy that may enforce blocks, the others are let through.
        const blocks = entry.admission.failurePolicy === 'Fail' && entry.admission.mayEnforce;
        this.#unevaluated.push({ policy: entry, blocks });
        continue;
      }
      const admission = this.#request.origin === 'admission';
      for (const response of entry.handler.validate!(entry, this.#views, this.#objectFor(entry))) {
        this.#responses.push(response);
        if (admission) this.#addEffect(entry, response);
      }
    }
  }

  // Kyverno: generate runs after admission, for allowed CREATE/UPDATE requests that are not dry runs (§13.2 step 3);
  // a CLI run always evaluates it.
  #generates(): boolean {
    const r = this.#request;
    if (r.origin === 'cli') return true;
    if (r.origin !== 'admission' || r.dryRun || !(r.operation === 'CREATE' || r.operation === 'UPDATE')) return false;
    return this.#allowed() && !this.#deadline?.expired();
  }

  #generate(): void {
    for (const entry of this.#select('generate'))
      for (const response of entry.handler.generate!(entry, this.#views, this.#objectFor(entry)))
        this.#responses.push(response);
  }

  // A response that does nothing to the request has no effect to record.
  #addEffect(entry: PolicyEntry, response: EngineResponse): void {
    const effect = entry.handler.effect(entry, response);
    if (effect) this.#effects.push(effect);
  }

  #allowed(): boolean {
    return !this.#mutationFailure && !this.#effects.some(blocks) && !this.#unevaluated.some(blocks);
  }

  #decision(): AdmissionDecision | undefined {
    if (this.#request.origin !== 'admission') return undefined;
    return {
      allowed: this.#allowed(),
      effects: this.#effects,
      unevaluated: this.#unevaluated,
      mutationFailure: this.#mutationFailure,
    };
  }
}

// Made once: an arrow function written in #allowed would be a new function object on every call.
const blocks = (x: { readonly blocks: boolean }) => x.blocks;

/** An evaluation's answer; results, generated objects and the JSON patch are gathered when first read. */
class PipelineEvaluation implements Evaluation {
  readonly responses: readonly EngineResponse[];
  readonly mutated: JsonObject | null;
  readonly admission?: AdmissionDecision;
  readonly #original: JsonObject | null;
  #results: readonly RuleResult[] | undefined;
  #generated: readonly GeneratedObject[] | undefined;
  #patch: readonly JsonPatchOperation[] | undefined;

  constructor(
    responses: readonly EngineResponse[],
    original: JsonObject | null,
    mutated: JsonObject | null,
    admission: AdmissionDecision | undefined,
  ) {
    this.responses = responses;
    this.#original = original;
    this.mutated = mutated;
    if (admission) this.admission = admission;
  }

  get results(): readonly RuleResult[] {
    if (this.#results === undefined) {
      // Sized once: pushing grows the list by copies (a review has a few dozen results, a check run's reads many).
      let n = 0;
      for (const r of this.responses) n += r.rules.length;
      const out = new Array<RuleResult>(n);
      let i = 0;
      for (const r of this.responses) for (const rule of r.rules) out[i++] = rule;
      this.#results = out;
    }
    return this.#results;
  }

  get generated(): readonly GeneratedObject[] {
    if (this.#generated === undefined) {
      const out: GeneratedObject[] = [];
      for (const r of this.responses) {
        if (r.generated) for (const g of r.generated) if (g.action !== 'none') out.push(g);
      }
      this.#generated = out;
    }
    return this.#generated;
  }

  get patch(): readonly JsonPatchOperation[] {
    if (this.#patch === undefined)
      this.#patch =
        this.#original && this.mutated && this.mutated !== this.#original
          ? (jsonpatch.compare(this.#original, this.mutated) as unknown as JsonPatchOperation[])
          : [];
    return this.#patch;
  }
}
