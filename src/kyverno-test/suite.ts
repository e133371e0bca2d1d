// The data of one loaded `kyverno test` suite and its report.
import {
  type ClusterReader,
  type JsonObject,
  type PolicySet,
  type RejectedDocument,
  type Requester,
} from '../engine/index.js';
import type { TestSpec } from './test-file.js';
import type { ValuesSpec } from './values-file.js';
import type { CelSuite } from './cel/load-cel.js';

/** A suite whose files have all been read and whose policies are compiled. */
export interface LoadedSuite {
  readonly file: string;
  readonly test: TestSpec;
  /** The suite's policies and the exceptions of its `exceptions` files. */
  readonly policySet: PolicySet;
  /** Classic policies that did not load: their rows are `Invalid Policy` (Kyverno reports them as skips). */
  readonly rejected: readonly RejectedDocument[];
  /** Trigger resources, namespaces defaulted, duplicates removed. */
  readonly resources: readonly JsonObject[];
  readonly values?: ValuesSpec;
  readonly user?: Requester;
  /** Expected resources (patchedResources, generatedResource files) by the path written in the test. */
  readonly expectedResources: ReadonlyMap<string, readonly JsonObject[]>;
  /** Existing resources mutate rules with `targets` may patch (targetResources). */
  readonly targets: readonly JsonObject[];
  /** Offline cluster state: clusterResources, target resources, params and clone sources of the test. */
  readonly cluster: ClusterReader;
  /** What the CEL policy kinds of the test read (context file, HTTP mocks, global context), when it has any. */
  readonly cel?: CelSuite;
}

/** One checked row: an expected result for one named resource. */
export interface RowReport {
  readonly policy: string;
  readonly rule: string;
  readonly resource: string;
  readonly kind: string;
  readonly expected: string;
  /** Actual result(s) seen ('' when none). */
  readonly actual: string;
  readonly ok: boolean;
  /** Kyverno's reason: Ok, Want X got Y, Excluded, Not found, Invalid Policy … */
  readonly reason: string;
  readonly message?: string;
}

/** One checked (row entry × resource × rule response) before rows are summarised; no `actual` = no real result. */
export interface SubRow {
  readonly actual?: string;
  readonly ok: boolean;
  readonly reason: string;
  readonly message?: string;
}

/** The report of one suite; `error` is set when it could not be run. */
export interface SuiteReport {
  readonly file: string;
  readonly name: string;
  readonly error: string | null;
  readonly rows: RowReport[];
}
