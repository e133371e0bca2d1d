// The policies a running webhook evaluates: loaded from files, swapped atomically on reload.
import { watch, type FSWatcher } from 'node:fs';
import {
  loadPolicies,
  objectDocument,
  parseDocuments,
  renderDiagnostic,
  renderSourceError,
  type Diagnostic,
  type JsonObject,
  type PolicySet,
} from '../engine/index.js';
import { readManifestTexts, type ManifestText } from '../files/read-documents.js';

/** One consistent set of compiled policies and exceptions. */
export interface PolicySnapshot {
  readonly policySet: PolicySet;
  /** Documents and rules left out on purpose (kinds not evaluated yet), one line each for the log. */
  readonly notes: readonly string[];
  /** Policies and exceptions read from the cluster that did not load (each is judged alone), with why. */
  readonly refused: readonly RefusedObject[];
  readonly loadedAt: Date;
  /** What the set was compiled from (`serve --workers` sends it to each worker to compile the same set). */
  readonly sources: PolicySources;
}

/** The input of a policy set as plain data: the policy files' texts and the objects read from the cluster. */
export interface PolicySources {
  readonly files: readonly ManifestText[];
  readonly objects: readonly JsonObject[];
}

/** Why the latest reload failed, and when. */
export interface ReloadError {
  readonly message: string;
  readonly at: Date;
}

/** What the webhook reads of its policies: the set in force, and why the latest reload failed. */
export interface PolicyView {
  readonly current: PolicySnapshot | undefined;
  readonly reloadError: ReloadError | undefined;
}

/** A cluster object that did not load: its document name (`cluster:Kind/namespace/name`) and the first error. */
export interface RefusedObject {
  readonly source: string;
  readonly message: string;
}

const CLUSTER = 'cluster';

/**
 * Load every policy and exception below `paths` (plus `objects` read from the cluster). A broken file refuses the
 * whole set (throws with the first problem, file:line): files are deployed together. A broken cluster object is
 * left out and listed in `refused`: each was applied on its own, and one must not hold back the others.
 */
export function loadSnapshot(paths: readonly string[], now: Date, objects: readonly JsonObject[] = []): PolicySnapshot {
  return compileSnapshot(readPolicySources(paths, objects), now);
}

/** Read the policy files below `paths` next to `objects`; throws with the first file that cannot be read. */
function readPolicySources(paths: readonly string[], objects: readonly JsonObject[] = []): PolicySources {
  const read = paths.length ? readManifestTexts(paths) : { files: [], errors: [] };
  if (read.errors.length > 0) throw new Error(renderSourceError(read.errors[0]));
  return { files: read.files, objects };
}

/** Compile sources into a snapshot, as loadSnapshot does (the same errors, thrown). */
export function compileSnapshot(sources: PolicySources, now: Date): PolicySnapshot {
  const parsed = sources.files.map((f) => parseDocuments(f.text, f.file));
  const syntaxError = parsed.flatMap((p) => p.errors)[0];
  if (syntaxError) throw new Error(renderSourceError(syntaxError));
  const documents = [
    ...parsed.flatMap((p) => p.documents),
    ...sources.objects.map((o, i) => objectDocument(o, CLUSTER, i)),
  ];
  const loaded = loadPolicies(documents);
  const fromCluster = (d: Diagnostic) => d.source?.file.startsWith(`${CLUSTER}:`) === true;
  const fileError = loaded.diagnostics.find((d) => !fromCluster(d));
  if (fileError) throw new Error(renderDiagnostic(fileError));
  const refused = new Map<string, RefusedObject>();
  for (const d of loaded.diagnostics.filter(fromCluster))
    if (!refused.has(d.source!.file)) refused.set(d.source!.file, { source: d.source!.file, message: d.message });
  return {
    policySet: loaded.policySet,
    notes: loaded.notes.map(renderDiagnostic),
    refused: [...refused.values()],
    loadedAt: now,
    sources,
  };
}

/** Holds the current snapshot; a reload that fails keeps the previous one and reports why. */
export class PolicyStore implements PolicyView {
  #current: PolicySnapshot | undefined;
  #reloadError: ReloadError | undefined;
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

  /** Why the latest reload failed (the previous set is still in force); undefined once a reload succeeds. */
  get reloadError(): ReloadError | undefined {
    return this.#reloadError;
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
      this.#reloadError = undefined;
      this.onLoad(this.#current);
      return true;
    } catch (e) {
      this.#reloadError = { message: (e as Error).message, at: new Date() };
      const kept = this.#current ? 'policies not reloaded, keeping the previous set' : 'policies not loaded';
      this.onError(`${kept}: ${(e as Error).message}`);
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
