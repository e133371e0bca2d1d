// The policies a running webhook evaluates: loaded from files, swapped atomically on reload.
import { watch, type FSWatcher } from 'node:fs';
import { QueryCache } from '../engine/context/query-cache.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import { compileException, type CompiledException } from '../engine/exceptions/exception.js';
import { ExceptionIndex } from '../engine/exceptions/select.js';
import { buildPolicySet } from '../engine/policy-set.js';
import {
  compileCelException,
  loadCelPolicy,
  type CompiledCelException,
  type LoadedCelPolicy,
} from '../engine/cel-policy/index.js';
import { renderDiagnostic } from '../engine/result/diagnostic.js';
import type { JsonObject } from '../engine/json.js';
import { readDocuments } from '../files/read-documents.js';
import type { SourceDocument } from '../engine/source/documents.js';

/** One consistent set of compiled policies and exceptions. */
export interface PolicySnapshot {
  readonly policies: readonly CompiledPolicy[];
  readonly exceptions: ExceptionIndex;
  /** policies.kyverno.io policies and their PolicyExceptions. */
  readonly celPolicies: readonly LoadedCelPolicy[];
  readonly celExceptions: readonly CompiledCelException[];
  /** Documents left out on purpose (kinds not evaluated yet), one line each for the log. */
  readonly notes: readonly string[];
  readonly queries: QueryCache;
  readonly loadedAt: Date;
}

/** Load every policy and exception below `paths` (plus `objects` read from the cluster); throws with the first problem (file:line) when any is broken. */
export function loadSnapshot(paths: readonly string[], now: Date, objects: readonly JsonObject[] = []): PolicySnapshot {
  const read = paths.length ? readDocuments(paths) : { documents: [], errors: [] };
  if (read.errors.length > 0) {
    const e = read.errors[0];
    throw new Error(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  return snapshotOf([...read.documents, ...clusterDocuments(objects)], now);
}

/** Objects read from the cluster as documents named `cluster:Kind/namespace/name` in messages. */
function clusterDocuments(objects: readonly JsonObject[]): SourceDocument[] {
  return objects.map((value, index) => {
    const md = (value.metadata ?? {}) as { name?: string; namespace?: string };
    const pos = {
      file: `cluster:${String(value.kind)}/${md.namespace ? `${md.namespace}/` : ''}${md.name ?? ''}`,
      line: 0,
      column: 0,
    };
    return { file: pos.file, index, value, pos, locate: () => pos };
  });
}

function snapshotOf(documents: readonly SourceDocument[], now: Date): PolicySnapshot {
  const queries = new QueryCache();
  const set = buildPolicySet(documents, queries);
  const loaded = set.celPolicies.map(loadCelPolicy);
  const celPolicies = loaded.filter((p) => !('unsupported' in p));
  const notes = loaded
    .filter((p) => 'unsupported' in p)
    .flatMap((p) => p.diagnostics.map((d) => `${renderDiagnostic(d)}; not evaluated`));
  const invalid = [...set.policies, ...celPolicies].flatMap((p) => p.diagnostics);
  if (invalid.length > 0) throw new Error(renderDiagnostic(invalid[0]));
  const exceptions: CompiledException[] = set.exceptions.map((d) => {
    const { exception, problems } = compileException(d.value as JsonObject, d);
    if (!exception) throw new Error(`${d.file}:${d.locate(problems[0].path).line}: ${problems[0].message}`);
    return exception;
  });
  return {
    policies: set.policies,
    exceptions: new ExceptionIndex(exceptions),
    celPolicies,
    celExceptions: set.celExceptions.map(compileCelExceptionOrThrow),
    notes,
    queries,
    loadedAt: now,
  };
}

function compileCelExceptionOrThrow(d: SourceDocument): CompiledCelException {
  const exception = compileCelException(d);
  const problem = exception.diagnostics[0];
  if (problem) throw new Error(renderDiagnostic(problem));
  return exception;
}

/** Holds the current snapshot; a reload that fails keeps the previous one and reports why. */
export class PolicyStore {
  #current: PolicySnapshot | undefined;
  #watchers: FSWatcher[] = [];
  #clusterObjects: readonly JsonObject[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly paths: readonly string[],
    private readonly onError: (message: string) => void,
    private readonly onLoad: (snapshot: PolicySnapshot) => void = () => {},
  ) {}

  /** The snapshot requests use; undefined until the first successful load. */
  get current(): PolicySnapshot | undefined {
    return this.#current;
  }

  /** Use these policies and exceptions read from the cluster, next to the files; returns whether the set is in force. */
  applyObjects(objects: readonly JsonObject[]): boolean {
    this.#clusterObjects = objects;
    return this.reload();
  }

  /** Load now; returns whether the new set is in force. */
  reload(): boolean {
    try {
      this.#current = loadSnapshot(this.paths, new Date(), this.#clusterObjects);
      this.onLoad(this.#current);
      return true;
    } catch (e) {
      this.onError(`policies not reloaded, keeping the previous set: ${(e as Error).message}`);
      return false;
    }
  }

  /** Reload when a file below the paths changes (debounced). */
  watch(): void {
    for (const p of this.paths) {
      try {
        this.#watchers.push(
          watch(p, { recursive: true }, () => {
            clearTimeout(this.#timer);
            this.#timer = setTimeout(() => this.reload(), 200);
          }),
        );
      } catch (e) {
        this.onError(`cannot watch ${p}: ${(e as Error).message}`);
      }
    }
  }

  /** Stop watching. */
  close(): void {
    clearTimeout(this.#timer);
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
  }
}
