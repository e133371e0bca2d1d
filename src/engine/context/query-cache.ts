// Compile once, evaluate many: every JMESPath expression is compiled the first time it is seen.
import { compileQuery, type CompiledQuery } from '../jmespath/index.js';

/** JMESPath expressions compiled once and shared by every evaluation of a plan. */
export class QueryCache {
  readonly #compiled = new Map<string, CompiledQuery>();

  /** The compiled query for `expression`; throws the syntax error when it does not parse. */
  get(expression: string): CompiledQuery {
    let q = this.#compiled.get(expression);
    if (!q) {
      q = compileQuery(expression);
      this.#compiled.set(expression, q);
    }
    return q;
  }

  /** Number of distinct compiled expressions (for diagnostics and benchmarks). */
  get size(): number {
    return this.#compiled.size;
  }
}
