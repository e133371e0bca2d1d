// Load-time validation of a validate.podSecurity block (Kyverno's CRD enums and PodSecurityStandard.Validate).
import { getOwn, isObject, type JsonObject } from '../json.js';
import { CONTAINER_LEVEL_CONTROLS, POD_LEVEL_CONTROLS, isControlName } from './controls.js';
import { isPolicyVersion } from './version.js';

/** A problem in a podSecurity block, at a path relative to the block. */
export interface PodSecuritySpecProblem {
  path: (string | number)[];
  message: string;
}

const LEVELS: readonly unknown[] = ['privileged', 'baseline', 'restricted'];

/** Problems with a podSecurity block: unknown level/version/controlName, misused images, values without a field. */
export function checkPodSecuritySpec(spec: unknown): PodSecuritySpecProblem[] {
  if (!isObject(spec)) return [{ path: [], message: 'podSecurity must be an object' }];
  const out: PodSecuritySpecProblem[] = [];
  const level = getOwn(spec, 'level');
  if (!LEVELS.includes(level))
    out.push({
      path: ['level'],
      message: `level must be one of privileged, baseline, restricted (got ${JSON.stringify(level ?? null)})`,
    });
  const version = getOwn(spec, 'version');
  if (version !== undefined && (typeof version !== 'string' || !isPolicyVersion(version)))
    out.push({
      path: ['version'],
      message: `version must be "latest" or one of v1.19 … v1.32 (got ${JSON.stringify(version)})`,
    });
  const exclude = getOwn(spec, 'exclude');
  if (exclude === undefined || exclude === null) return out;
  if (!Array.isArray(exclude)) return [...out, { path: ['exclude'], message: 'exclude must be a list' }];
  exclude.forEach((e, i) => out.push(...checkExclude(e, ['exclude', i])));
  return out;
}

function checkExclude(e: unknown, at: (string | number)[]): PodSecuritySpecProblem[] {
  if (!isObject(e)) return [{ path: at, message: 'exclude entry must be an object' }];
  const out: PodSecuritySpecProblem[] = [];
  const name = getOwn(e, 'controlName');
  if (typeof name !== 'string' || !isControlName(name))
    out.push({
      path: [...at, 'controlName'],
      message: `unknown Pod Security Standards control ${JSON.stringify(name ?? null)}`,
    });
  out.push(...checkStringList(e, 'images', at), ...checkStringList(e, 'values', at));
  const images = listLength(e, 'images');
  if (typeof name === 'string' && CONTAINER_LEVEL_CONTROLS.includes(name) && images === 0)
    out.push({
      path: [...at, 'controlName'],
      message: 'exclude.images must be specified for the container level control',
    });
  if (typeof name === 'string' && POD_LEVEL_CONTROLS.includes(name) && images > 0)
    out.push({
      path: [...at, 'controlName'],
      message: 'exclude.images must not be specified for the pod level control',
    });
  const field = getOwn(e, 'restrictedField');
  const hasField = typeof field === 'string' && field !== '';
  if (field !== undefined && typeof field !== 'string')
    out.push({ path: [...at, 'restrictedField'], message: 'restrictedField must be a string' });
  if (hasField && listLength(e, 'values') === 0) out.push({ path: [...at, 'values'], message: 'values is required' });
  if (!hasField && listLength(e, 'values') > 0)
    out.push({ path: [...at, 'restrictedField'], message: 'restrictedField is required' });
  return out;
}

function checkStringList(e: JsonObject, key: string, at: (string | number)[]): PodSecuritySpecProblem[] {
  const v = getOwn(e, key);
  if (v === undefined || v === null) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [];
  return [{ path: [...at, key], message: `${key} must be a list of strings` }];
}

function listLength(e: JsonObject, key: string): number {
  const v = getOwn(e, key);
  return Array.isArray(v) ? v.length : 0;
}
