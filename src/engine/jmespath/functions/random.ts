// Kyverno's `random` (spec §6.7): a random string matching an RE2 pattern.
import { JmesPathError } from '../errors.js';
import type { EvalState } from '../runtime.js';
import { compileGoRegexp } from '../../primitives/go-regexp.js';
import { generateMatching } from './regex-generator.js';
import { arg, kyvernoFunction, type FunctionSpec } from './types.js';

function random(pattern: string, state: EvalState): string {
  if (pattern === '') throw new JmesPathError('no pattern provided');
  try {
    compileGoRegexp(pattern);
    return generateMatching(pattern, state.runtime.random ?? Math.random);
  } catch (err) {
    throw new JmesPathError(err instanceof Error ? err.message : String(err));
  }
}

/** random. */
export const RANDOM_FUNCTIONS: readonly FunctionSpec[] = [
  kyvernoFunction('random', [arg('string')], ([p], state) => random(p as string, state)),
];
