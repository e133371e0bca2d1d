import type { Environment } from '@marcbachmann/cel-js';

/**
 * A named bundle of CEL declarations (functions, types, constants) that can
 * be registered into a cel-js Environment. Environments are assembled from
 * these per policy kind (see environments.ts).
 */
export interface CelLibrary {
  readonly name: string;
  /** Registers the library's declarations into `env` (mutates it). */
  register(env: Environment): void;
}
