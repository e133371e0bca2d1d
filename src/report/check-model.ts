// What `tollgate check` found: the data every output format renders.
import { type RuleStatus } from '../engine/index.js';

/** One evaluated resource × rule, located in the repository. */
export interface CheckFinding {
  /** Repository-relative file of the resource (for rendered Kustomize/Helm output: the source file when known). */
  readonly file: string;
  /** 1-based line of the offending field, or of the nearest existing parent / the document. */
  readonly line: number;
  readonly column?: number;
  readonly policy: string;
  readonly rule: string;
  readonly resource: {
    readonly apiVersion: string;
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly result: RuleStatus;
  /** Enforce blocks the Argo CD sync; Audit is reported only. */
  readonly action: 'Enforce' | 'Audit';
  readonly message: string;
  /** The offending field as `spec.containers[0].image`, when known. */
  readonly field?: string;
  readonly severity?: string;
  readonly category?: string;
  /** With `--base`: a violation this change introduced, or one it fixed. */
  readonly change?: 'new' | 'fixed';
}

/** A file or document that could not be read, with its position. */
export interface CheckError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Something not evaluated, and why (missing renderer, unsupported generator, non-Kubernetes YAML …). */
export interface CheckSkip {
  readonly path: string;
  readonly reason: string;
}

/** Counts at the end of a run: every result, listed or not. */
export interface CheckSummary {
  readonly resources: number;
  readonly pass: number;
  readonly fail: number;
  readonly warn: number;
  readonly error: number;
  readonly skip: number;
  /** Failing results of Enforce rules: these block the sync. */
  readonly blocking: number;
  /** With `--base`: failures the base has too, left out of the results (so the counts still add up). */
  readonly unchanged?: number;
  /** With `--base --show-fixed`: the base's failures this change fixed (listed as passes). */
  readonly fixed?: number;
}

/** The whole result of `tollgate check`. */
export interface CheckReport {
  /** In report order; passes only when the run listed them (formats that print only problems count them). */
  readonly results: readonly CheckFinding[];
  readonly errors: readonly CheckError[];
  readonly skipped: readonly CheckSkip[];
  readonly summary: CheckSummary;
}
