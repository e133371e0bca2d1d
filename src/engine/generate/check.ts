// Kyverno: spec §9.1 — load-time checks of a generate block (paths are relative to the block).
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { checkPattern } from './check-pattern.js';

/** One load-time problem: where in the generate block, and what is wrong. */
export interface GenerateProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

const FLAGS = ['synchronize', 'generateExisting', 'orphanDownstreamOnPolicyDelete'];

/** Load-time checks of a generate block: exactly one of data/clone/cloneList/foreach, target identity, namespaces. */
export function checkGenerateRule(generate: unknown): GenerateProblem[] {
  if (!isObject(generate)) return [{ path: [], message: 'generate must be an object' }];
  const problems: GenerateProblem[] = FLAGS.filter(
    (f) => !isAbsent(generate[f]) && typeof generate[f] !== 'boolean',
  ).map((f) => ({ path: [f], message: `${f} must be a boolean` }));
  const exclusive = checkExclusive(generate, true, []);
  if (exclusive) return [...problems, exclusive];
  if (!isAbsent(generate.foreach)) return [...problems, ...checkForeach(generate.foreach)];
  return [...problems, ...checkPattern(generate, [])];
}

function checkForeach(foreach: JsonValue): GenerateProblem[] {
  if (!Array.isArray(foreach)) return [{ path: ['foreach'], message: 'foreach must be a list' }];
  return foreach.flatMap((el, i): GenerateProblem[] => {
    const path = ['foreach', i];
    if (!isObject(el)) return [{ path, message: 'foreach entry must be an object' }];
    const exclusive = checkExclusive(el, false, path);
    return exclusive ? [exclusive] : checkPattern(el, path);
  });
}

// Kyverno: counted as set are non-null data, a clone with a name or namespace, cloneList.kinds (even empty), foreach.
function checkExclusive(g: JsonObject, allowForeach: boolean, path: (string | number)[]): GenerateProblem | undefined {
  const clone = g.clone;
  const cloneList = g.cloneList;
  const set = [
    !isAbsent(g.data),
    isObject(clone) ? !!clone.name || !!clone.namespace : !isAbsent(clone),
    isObject(cloneList) ? !isAbsent(cloneList.kinds) : !isAbsent(cloneList),
    allowForeach && !isAbsent(g.foreach),
  ].filter(Boolean).length;
  const names = allowForeach ? 'data, clone, cloneList and foreach' : 'data, clone and cloneList';
  if (set > 1) return { path, message: `only one of generate patterns(${names}) can be specified` };
  if (set === 0) return { path, message: `one of generate patterns(${names}) is required` };
  return undefined;
}

function isAbsent(v: JsonValue | undefined): boolean {
  return v === undefined || v === null;
}
