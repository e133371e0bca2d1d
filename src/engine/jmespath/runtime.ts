// What a search needs from outside the expression: the host-provided runtime and per-search state.
import type { Clock } from '../ports.js';
import type { AstNode } from './syntax.js';
import type { Value } from './values.js';

/** What functions need from outside: the clock (time_now*), randomness (random), host resolution (is_external_url). */
export interface JmesRuntime {
  clock: Clock;
  /** Uniform random number in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** IP addresses of a host name, or undefined when it cannot be resolved. */
  resolveHost?: (host: string) => string[] | undefined;
}

/** A key missing from an object: Kyverno's NotFound, carried as a value so it can be swallowed cheaply. */
export class Missing {
  constructor(readonly key: string) {}
}

/** An evaluation result: a value or a missing key. */
export type Result = Value | Missing;

/** Per-search state shared by every node of one evaluation. */
export interface EvalState {
  readonly runtime: JmesRuntime;
  /** Set when a Go int was produced, so the result needs converting to plain JSON. */
  hasInt: boolean;
}

/** A compiled node: evaluates against the current value. */
export type Evaluator = (value: Value, state: EvalState) => Result;

/** An `&expr` argument handed to a function; `node` is the referenced expression (error messages print it). */
export class ExpRef {
  constructor(
    readonly evaluate: Evaluator,
    readonly node: AstNode,
  ) {}
}

/** A function argument: a value or an expression reference. */
export type Arg = Value | ExpRef;

/** Missing becomes null (every construct except field chains and index expressions does this). */
export function orNull(r: Result): Value {
  return r instanceof Missing ? null : r;
}
