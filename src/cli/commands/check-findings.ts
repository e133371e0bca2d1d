// A check run's findings: validate results located in the repository. A run over a large repository holds
// hundreds of thousands of them, so what repeats is shared: one resource identity per resource, one copy of
// message per rule while it repeats, one copy of each field text (the engine builds a fresh string for every
// result). Most are passes: a run whose output lists only problems counts them instead of keeping them.
import {
  formatJsonPath,
  reportedStatus,
  StringPool,
  type Evaluation,
  type ResourceId,
  type RuleResult,
  type SourceDocument,
} from '../../engine/index.js';
import type { CheckFinding } from '../../report/check-model.js';

const CHUNK = 8192; // 64 KiB of references: well under V8's large-object size

/** Collects the findings of a run, resource by resource. */
export class FindingCollector {
  readonly #listPasses: boolean;
  #unlistedPasses = 0;
  // In chunks, joined once at the end: one array grown to 300,000 findings leaves megabytes of its outgrown
  // copies in the large-object space until a full garbage collection.
  readonly #chunks: CheckFinding[][] = [[]];
  readonly #texts = new StringPool();
  // The last message of each rule, keyed by the rule's name (the same string every time, its hash kept):
  // hashing every fresh message to share it cost more than the whole lookup of a finding's line.
  readonly #messages = new Map<string, string>();

  /** `listPasses`: keep passing results as findings too; otherwise only count them (`unlistedPasses`). */
  constructor(listPasses: boolean) {
    this.#listPasses = listPasses;
  }

  /** Passing results counted but not kept. */
  get unlistedPasses(): number {
    return this.#unlistedPasses;
  }

  /** Add the validate results of one resource's evaluation, located in its source document. */
  add(evaluation: Evaluation, source: SourceDocument): void {
    let resource: ResourceId | undefined;
    for (const response of evaluation.responses) {
      if (response.stage !== 'validate') continue;
      for (const r of response.rules) {
        if (!this.#listPasses && r.status === 'pass') {
          this.#unlistedPasses++;
          continue;
        }
        resource = sameResource(resource, r.resource);
        this.#push(this.#finding(r, resource, source, response.policy));
      }
    }
  }

  /** Every finding so far, in order. */
  all(): CheckFinding[] {
    // concat copies packed arrays wholesale; flat() looks at every element (measured: 70 ms for 270,000 findings).
    return this.#chunks.length === 1 ? this.#chunks[0] : ([] as CheckFinding[]).concat(...this.#chunks);
  }

  #push(finding: CheckFinding): void {
    let chunk = this.#chunks[this.#chunks.length - 1];
    if (chunk.length === CHUNK) this.#chunks.push((chunk = []));
    chunk.push(finding);
  }

  #finding(
    r: RuleResult,
    resource: ResourceId,
    source: SourceDocument,
    policy: { readonly annotations: Readonly<Record<string, string>> },
  ): CheckFinding {
    const { annotations } = policy;
    // A path to the document itself is the document's position: no need to look.
    const pos = r.path?.length ? source.locate(r.path) : source.pos;
    return {
      file: pos.file,
      line: pos.line,
      column: pos.column,
      policy: r.policy,
      rule: r.rule,
      resource,
      result: reportedStatus(policy, r.status),
      action: r.action ?? 'Audit',
      message: this.#message(r),
      field: r.path?.length ? this.#texts.intern(formatJsonPath(r.path)) : undefined,
      severity: annotations['policies.kyverno.io/severity'],
      category: annotations['policies.kyverno.io/category'],
    };
  }

  #message(r: RuleResult): string {
    const last = this.#messages.get(r.rule);
    if (last === r.message) return last;
    this.#messages.set(r.rule, r.message);
    return r.message;
  }
}

// The results of one evaluation name the same resource (the identity is the same, the objects are not).
function sameResource(known: ResourceId | undefined, id: ResourceId): ResourceId {
  return known &&
    known.apiVersion === id.apiVersion &&
    known.kind === id.kind &&
    known.namespace === id.namespace &&
    known.name === id.name
    ? known
    : id;
}
