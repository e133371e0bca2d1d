// The data of one loaded `kyverno test` suite and its report.
import type { JsonObject } from '../engine/json.js';
import type { CompiledPolicy } from '../engine/compile/compile-policy.js';
import type { CompiledException } from '../engine/exceptions/exception.js';
import type { ClusterReader } from '../engine/ports.js';
import type { EvaluationRequest } from '../engine/evaluate/request.js';
import type { TestSpec } from './test-file.js';
import type { ValuesSpec } from './values-file.js';
import type { CelSuite } from './cel/load-cel.js';

/** A suite whose files have all been read. */
export interface LoadedSuite {
  readonly file: string;
  readonly test: TestSpec;
  readonly policies: readonly CompiledPolicy[];
  /** Trigger resources, namespaces defaulted, duplicates removed. */
  readonly resources: readonly JsonObject[];
  readonly values?: ValuesSpec;
  readonly user?: EvaluationRequest['user'];
  /** Expected resources (patchedResources, generatedResource files) by the path written in the test. */
  readonly expectedResources: ReadonlyMap<string, readonly JsonObject[]>;
  readonly exceptions: readonly CompiledException[];
  /** Existing resources mutate rules with `targets` may patch (targetResources). */
  readonly targets: readonly JsonObject[];
  /** Offline cluster state: clusterResources, target resources, params and clone sources of the test. */
  readonly cluster: ClusterReader;
  /** The CEL policy kinds of the test (policies.kyverno.io), when it has any. */
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
