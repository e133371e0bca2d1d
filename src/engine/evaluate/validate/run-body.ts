// Dispatch of a validate body (rule level or foreach element): deny, pattern, anyPattern, foreach, podSecurity, cel.
import { isObject } from '../../json.js';
import {
  evaluateCompiledPodSecurity,
  type CompiledPodSecurity,
  type PodSecurityExclude,
} from '../../podsecurity/index.js';
import type { ValidationBody } from '../../compile/compiled-rule.js';
import type { Outcome } from '../outcome.js';
import { runDeny } from './deny-rule.js';
import { runValidateCel } from './cel-rule.js';
import { runForeach } from './foreach-rule.js';
import { runAnyPattern, runPattern } from './pattern-rule.js';
import type { ValidateScope } from './scope.js';
import { capitalisedPassOutcome } from './message.js';

/** Evaluate one validate body; undefined means "no response" (e.g. nothing processed). */
export function runBody(body: ValidationBody, scope: ValidateScope, depth: number): Outcome | undefined {
  switch (body.kind) {
    case 'deny':
      return runDeny(body.conditions, scope);
    case 'pattern':
      // Kyverno: pattern validation is not performed for DELETE requests (spec §4.10).
      return scope.isDelete ? undefined : runPattern(body.pattern, scope, depth > 0);
    case 'anyPattern':
      return scope.isDelete ? undefined : runAnyPattern(body, scope, depth > 0);
    case 'foreach':
      return runForeach(body.entries, scope, depth);
    case 'podSecurity':
      return runPodSecurity(body.podSecurity, scope);
    case 'cel':
      return runValidateCel(body.cel, scope);
    case 'unsupported':
      return { status: 'error', message: body.reason };
    default:
      return body satisfies never;
  }
}

function runPodSecurity(podSecurity: CompiledPodSecurity, scope: ValidateScope): Outcome | undefined {
  if (scope.isDelete || !isObject(scope.resource)) return undefined;
  const exceptions = scope.podSecurityExceptions;
  const extra = exceptions.length > 0 ? exceptions.flatMap((e) => e.podSecurity ?? []) : NO_EXCLUDES;
  let r;
  try {
    r = evaluateCompiledPodSecurity(scope.resource, podSecurity, extra, scope.memo?.podFindings.of(scope.resource));
  } catch (e) {
    return { status: 'error', message: (e as Error).message };
  }
  if (!r || r.allowed) return capitalisedPassOutcome(scope.rule);
  if (r.exempted) {
    const keys = exceptions.map((e) => e.key);
    return { status: 'skip', message: `rule is skipped due to policy exceptions ${keys.join(', ')}`, exceptions: keys };
  }
  const field = r.failures[0]?.fields[0];
  return {
    status: 'fail',
    message: `Validation rule '${scope.rule}' failed. ${r.message}`,
    path: field ? parseFieldPath(field) : undefined,
  };
}

// Most podSecurity rules meet no exception: a shared empty list.
const NO_EXCLUDES: readonly PodSecurityExclude[] = [];

/** `spec.containers[0].securityContext.privileged` → ['spec', 'containers', 0, 'securityContext', 'privileged']. */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (/^\d+$/.test(m[2])) out.push(Number(m[2]));
    else if (m[2] !== '*') out.push(m[2]);
  }
  return out;
}
