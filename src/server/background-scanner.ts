// Kyverno: spec §13.7 — the periodic background scan of `tollgate serve`: list what the policies can match, scan, report.
import type { KubeConfig } from '@kubernetes/client-node';
import { discoverResources, kindKey, resolveKinds } from '../cluster/discovery.js';
import { collectionPath, type KindSpec } from '../cluster/kind-reflector.js';
import { listAll } from '../cluster/kube-list.js';
import { isObject, resourceIdOf, type JsonObject, type ResourceId, type RuleResult } from '../engine/index.js';
import { scanKinds, scanResources, type ScanDeps } from './background-scan.js';
import type { PolicySnapshot } from './policy-store.js';

/** Where scanned resources come from: the served collections, and every object of one of them. */
export interface ResourceSource {
  /** The collections the API server serves, keyed by `kindKey` (`v1/Pod`, `apps/v1/Deployment`). */
  discover(): Promise<ReadonlyMap<string, KindSpec>>;
  /** Every object of the collection, with apiVersion and kind set. */
  list(spec: KindSpec): Promise<JsonObject[]>;
}

/** What the scanner is given: the policies in force, the resources, how to evaluate, where results go. */
export interface BackgroundScannerOptions {
  readonly snapshot: () => PolicySnapshot | undefined;
  readonly source: ResourceSource;
  readonly scan: ScanDeps;
  /** Receives every result of one scan and the identities of all resources it listed (with or without results). */
  readonly onScan: (results: readonly RuleResult[], scanned: readonly ScannedResource[]) => void;
  readonly log: (message: string) => void;
  /** Time between scans; Kyverno's default is one hour. */
  readonly intervalMs?: number;
  /** Delay before the first scan after start(). */
  readonly initialDelayMs?: number;
}

/** A listed resource: its identity plus `metadata.uid`, which names its PolicyReport. */
export type ScannedResource = ResourceId & { readonly uid?: string };

/** What one scan produced; `failedKinds` could not be listed (see the log). */
export interface ScanRun {
  readonly results: readonly RuleResult[];
  readonly scanned: readonly ScannedResource[];
  readonly failedKinds: readonly string[];
}

const HOUR_MS = 60 * 60 * 1000;
const DEFAULT_INITIAL_DELAY_MS = 10_000;
/** Resources evaluated between two yields to the event loop, so admission requests are not held up by a scan. */
const BATCH_SIZE = 50;

/** The live cluster as a ResourceSource: discovery endpoints and paginated LISTs. */
export function kubeResourceSource(kc: KubeConfig, log: (message: string) => void): ResourceSource {
  return {
    discover: () => discoverResources(kc, log),
    list: async (spec) => {
      const { items } = await listAll(kc, collectionPath(spec));
      // LIST items carry no apiVersion/kind of their own; matching needs both.
      return items.map((o) => ({ ...o, apiVersion: spec.apiVersion, kind: spec.kind }));
    },
  };
}

/** Scans existing resources every `intervalMs`, one scan at a time, until stop(). */
export class BackgroundScanner {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<ScanRun | undefined> | undefined;
  #stopped = false;

  /** A scanner that does nothing until start() or scanNow(). */
  constructor(private readonly opts: BackgroundScannerOptions) {}

  /** Schedule the first scan shortly after now; later scans follow `intervalMs` after each one ends. */
  start(): void {
    this.#stopped = false;
    this.#schedule(this.opts.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS);
  }

  /** Cancel the timer; a scan in progress finishes but delivers nothing. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Scan now, or join the scan in progress; undefined when skipped (no policies yet, discovery failed, stopped). */
  scanNow(): Promise<ScanRun | undefined> {
    if (this.#stopped) return Promise.resolve(undefined);
    this.#running ??= this.#scan().finally(() => (this.#running = undefined));
    return this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.scanNow()
        // A failing onScan (or any other surprise) must not end the schedule or surface as an unhandled rejection.
        .catch((e: unknown) => this.opts.log(`background scan failed: ${(e as Error).message}`))
        .finally(() => this.#schedule(this.opts.intervalMs ?? HOUR_MS));
    }, delayMs);
  }

  async #scan(): Promise<ScanRun | undefined> {
    const snapshot = this.opts.snapshot();
    if (!snapshot) return this.#skip('background scan skipped: no policies loaded');
    const specs = await this.#collections(snapshot);
    if (!specs) return undefined;
    const run = { results: [] as RuleResult[], scanned: [] as ScannedResource[], failedKinds: [] as string[] };
    for (const spec of specs) {
      try {
        await this.#scanKind(snapshot, spec, run);
      } catch (e) {
        run.failedKinds.push(kindKey(spec.apiVersion, spec.kind));
        this.opts.log(`background scan of ${kindKey(spec.apiVersion, spec.kind)} failed: ${(e as Error).message}`);
      }
    }
    if (this.#stopped) return undefined;
    this.opts.log(`background scan done: ${run.scanned.length} resources, ${run.results.length} results`);
    this.opts.onScan(run.results, run.scanned);
    return run;
  }

  // The collections to list for the snapshot's kinds; undefined when discovery fails.
  async #collections(snapshot: PolicySnapshot): Promise<readonly KindSpec[] | undefined> {
    const { kinds, wildcards } = scanKinds(snapshot);
    if (wildcards.length) this.opts.log(`background scan: wildcard kinds are not scanned: ${wildcards.join(', ')}`);
    if (kinds.length === 0) return [];
    let discovered: ReadonlyMap<string, KindSpec>;
    try {
      discovered = await this.opts.source.discover();
    } catch (e) {
      return this.#skip(`background scan skipped: API discovery failed: ${(e as Error).message}`);
    }
    const { specs, unknown } = resolveKinds(kinds, discovered);
    if (unknown.length) {
      const names = unknown.map((k) => (k.apiVersion ? kindKey(k.apiVersion, k.kind) : k.kind));
      this.opts.log(`background scan: kinds not served by the API server: ${names.join(', ')}`);
    }
    return specs;
  }

  async #scanKind(
    snapshot: PolicySnapshot,
    spec: KindSpec,
    run: { results: RuleResult[]; scanned: ScannedResource[] },
  ) {
    const items = await this.opts.source.list(spec);
    for (let i = 0; i < items.length; i += BATCH_SIZE) {
      const batch = items.slice(i, i + BATCH_SIZE);
      run.results.push(...scanResources(snapshot, batch, this.opts.scan));
      run.scanned.push(...batch.map(scannedResource));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  #skip(message: string): undefined {
    this.opts.log(message);
    return undefined;
  }
}

function scannedResource(obj: JsonObject): ScannedResource {
  const md = isObject(obj.metadata) ? obj.metadata : {};
  return typeof md.uid === 'string' ? { ...resourceIdOf(obj), uid: md.uid } : resourceIdOf(obj);
}
