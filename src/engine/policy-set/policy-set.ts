// A compiled set of policies and exceptions, with the per-stage index every request is routed through.
import type { JsonObject } from '../json.js';
import type { QueryCache } from '../context/query-cache.js';
import type { CompiledException } from '../exceptions/exception.js';
import { ExceptionIndex } from '../exceptions/select.js';
import type { CompiledCelException } from '../cel-policy/cel-exception.js';
import { namespaceOfResource } from '../evaluate/match-subject.js';
import { labelsOf } from '../match/match.js';
import type { LoadedPolicy, PolicyEntry } from '../kinds/types.js';
import type { RequestOrigin, Stage } from '../pipeline/types.js';

/** Policies and exceptions compiled once, evaluated for many requests. Build one with `loadPolicies`. */
export class PolicySet {
  /** Every policy, in load order. */
  readonly policies: readonly LoadedPolicy[];
  /** How many PolicyExceptions (of both families) are in force. */
  readonly exceptionCount: number;

  /** Only `loadPolicies` builds sets. */
  constructor(parts: SetParts) {
    this.policies = parts.entries;
    this.exceptionCount = parts.exceptions.length + parts.celExceptions.length;
    internalsBySet.set(this, new SetInternals(parts));
  }

  /** The policy results name `key` (`name`, or `namespace/name` for namespaced kinds); the first loaded wins. */
  policy(key: string): LoadedPolicy | undefined {
    if (!this.#byKey) {
      this.#byKey = new Map();
      for (const p of this.policies) if (!this.#byKey.has(p.key)) this.#byKey.set(p.key, p);
    }
    return this.#byKey.get(key);
  }

  #byKey: Map<string, LoadedPolicy> | undefined;
}

/** What a set is built from. */
export interface SetParts {
  readonly entries: readonly PolicyEntry[];
  readonly exceptions: readonly CompiledException[];
  readonly celExceptions: readonly CompiledCelException[];
  readonly queries: QueryCache;
}

const MAX_INDEXED_KEYS = 4096;

/** The parts of a set only the pipeline reads. */
export class SetInternals {
  readonly entries: readonly PolicyEntry[];
  readonly queries: QueryCache;
  readonly exceptions: ExceptionIndex;
  readonly celExceptions: readonly CompiledCelException[];
  // Per stage, origin, kind and namespace, the policies that can apply: thousands of policies for other kinds cost
  // one map lookup per request.
  // Nested maps (stage, origin, kind, namespace), not one joined key: the kind and namespace strings come from the
  // resource and hash once per string, where a joined key would be a new string to hash on every request.
  readonly #index = new Map<string, Map<string, Map<string, Map<string, Selection>>>>();
  #indexed = 0;
  readonly #byStage: ReadonlyMap<Stage, readonly PolicyEntry[]>;

  constructor(parts: SetParts) {
    this.entries = parts.entries;
    this.queries = parts.queries;
    this.exceptions = new ExceptionIndex(parts.exceptions);
    this.celExceptions = parts.celExceptions;
    const ordered = [...parts.entries].sort(
      (a, b) => a.kindIndex - b.kindIndex || a.rank - b.rank || a.order - b.order,
    );
    this.#byStage = new Map(
      (['mutate', 'validate', 'generate'] as const).map((stage) => [
        stage,
        ordered.filter((e) => e.handler[stage] !== undefined),
      ]),
    );
  }

  /**
   * The policies a stage runs for `resource`, in order. With `seen` (the validate stage of admission and background
   * requests: the object the policies' rules look at, null when there is none), policies filed under labels it does
   * not carry are left out; its labels are read only when the entry has such policies.
   */
  select(
    stage: Stage,
    origin: RequestOrigin,
    resource: JsonObject | null,
    seen?: JsonObject | null,
  ): readonly PolicyEntry[] {
    const selection = this.#selection(stage, origin, resource);
    if (seen === undefined || !selection.gates) return selection.entries;
    return labelled(selection, selection.gates, seen ? labelsOf(seen) : {});
  }

  #selection(stage: Stage, origin: RequestOrigin, resource: JsonObject | null): Selection {
    const kind = String(resource?.kind ?? '');
    // A namespaced Policy only sees its own namespace, so the namespace is part of the key.
    const namespace = resource ? namespaceOfResource(resource) : '';
    return (
      this.#index.get(stage)?.get(origin)?.get(kind)?.get(namespace) ?? this.#select(stage, origin, kind, namespace)
    );
  }

  // The index miss apart from #selection: its closure would cost a function context on every request.
  #select(stage: Stage, origin: RequestOrigin, kind: string, namespace: string): Selection {
    const found = (this.#byStage.get(stage) ?? []).filter((e) => e.handler.selects(e, stage, origin, kind, namespace));
    // Kinds and namespaces come from requests: past MAX_INDEXED_KEYS answers the index starts over.
    if (this.#indexed >= MAX_INDEXED_KEYS) {
      this.#index.clear();
      this.#indexed = 0;
    }
    const selection = selectionOf(stage, found);
    child(child(child(this.#index, stage), origin), kind).set(namespace, selection);
    this.#indexed++;
    return selection;
  }
}

/** The policies of one index key: all of them, those without a label gate, and the gated ones by label. */
interface Selection {
  readonly entries: readonly PolicyEntry[];
  readonly ungated: readonly PolicyEntry[];
  /** Gated policies by label key and value; undefined when none is gated. */
  readonly gates?: ReadonlyMap<string, ReadonlyMap<string, readonly PolicyEntry[]>>;
}

function selectionOf(stage: Stage, entries: readonly PolicyEntry[]): Selection {
  if (stage !== 'validate' || !entries.some((e) => e.validateLabelGate)) return { entries, ungated: entries };
  const gates = new Map<string, Map<string, PolicyEntry[]>>();
  for (const e of entries)
    for (const [key, value] of e.validateLabelGate ?? []) {
      const byValue = child(gates, key);
      const filed = byValue.get(value);
      if (filed) filed.push(e);
      else byValue.set(value, [e]);
    }
  return { entries, ungated: entries.filter((e) => !e.validateLabelGate), gates };
}

// Usually the labels meet no gate and the ungated list is the answer; otherwise the met policies rejoin it in order.
function labelled(
  selection: Selection,
  gates: NonNullable<Selection['gates']>,
  labels: Readonly<Record<string, string>>,
): readonly PolicyEntry[] {
  let met: Set<PolicyEntry> | undefined;
  for (const [key, byValue] of gates) {
    if (!Object.hasOwn(labels, key)) continue;
    const found = byValue.get(labels[key]);
    if (found) for (const e of found) (met ??= new Set()).add(e);
  }
  if (!met) return selection.ungated;
  const gatesMet = met;
  return selection.entries.filter((e) => !e.validateLabelGate || gatesMet.has(e));
}

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Map()));
  return found;
}

const internalsBySet = new WeakMap<PolicySet, SetInternals>();

/** The pipeline's view of a set. */
export function internalsOf(set: PolicySet): SetInternals {
  return internalsBySet.get(set)!;
}
