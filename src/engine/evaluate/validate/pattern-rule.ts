// Kyverno: spec §4.2, §4.6 — pattern and anyPattern validation with Kyverno's result messages.
import {
  compilePattern,
  jsonPointerToSegments,
  resolvePatternReferences,
  validatePattern,
  type CompiledPattern,
  type PatternResult,
} from '../../pattern/index.js';
import { substituteDocument } from '../../variables/substitute.js';
import type { PatternSource, ValidationBody } from '../../compile/compiled-rule.js';
import { validationErrorPrefix, type Outcome } from '../outcome.js';
import { anyPatternPassOutcome, passOutcome, substitutedMessage } from './message.js';
import type { ValidateScope } from './scope.js';

// Kyverno: spec §6.3 — `$(...)` references first, then `{{ }}` variables; only dynamic patterns get here.
function prepare(source: PatternSource, scope: ValidateScope, path: readonly string[]): CompiledPattern {
  const resolved = source.references ? resolvePatternReferences(source.raw) : source.raw;
  return compilePattern(substituteDocument(resolved, scope.ctx, path));
}

function substitutionError(e: unknown): Outcome {
  return { status: 'error', message: `variable substitution failed: ${(e as Error).message}` };
}

// Kyverno substitutes a rule's whole body, but a foreach element's pattern on its own: paths in substitution
// errors start at the rule, or at the element's pattern.
function patternPath(inForeach: boolean, ...path: string[]): string[] {
  return inForeach ? path.slice(1) : ['validate', ...path];
}

/** `validate.pattern` (of the rule, or of a foreach entry when `inForeach`). */
export function runPattern(source: PatternSource, scope: ValidateScope, inForeach = false): Outcome {
  let pattern: CompiledPattern;
  try {
    pattern = source.compiled ?? prepare(source, scope, patternPath(inForeach, 'pattern'));
  } catch (e) {
    return substitutionError(e);
  }
  return patternOutcome(validatePattern(scope.resource, pattern), scope);
}

function patternOutcome(r: PatternResult, scope: ValidateScope): Outcome {
  if (r.status === 'pass') return passOutcome(scope.rule);
  if (r.status === 'skip') return { status: 'skip', message: r.detail };
  const m = substitutedMessage(scope);
  const path = [
    ...scope.basePath,
    ...jsonPointerToSegments((r.status === 'fail' && r.field) || r.path, scope.resource),
  ];
  if (m.error) return { status: r.status, message: m.error, path };
  if (r.status === 'error')
    return {
      status: 'error',
      message: `${validationErrorPrefix(m.text)}rule ${scope.rule} execution error: ${r.detail}`,
      path,
    };
  return {
    status: 'fail',
    message: `${validationErrorPrefix(m.text)}rule ${scope.rule} failed at path ${r.path}`,
    path,
  };
}

type AnyPatternBody = Extract<ValidationBody, { kind: 'anyPattern' }>;

// Patterns with variables or references, prepared for this request.
function preparedPatterns(sources: readonly PatternSource[], scope: ValidateScope, inForeach: boolean) {
  return sources.map((p, i) => p.compiled ?? prepare(p, scope, patternPath(inForeach, 'anyPattern', String(i))));
}

/** `validate.anyPattern`: the first passing pattern wins; all skipped → skip; else fail. */
export function runAnyPattern(body: AnyPatternBody, scope: ValidateScope, inForeach = false): Outcome {
  if (!Array.isArray(body.patterns))
    return { status: 'error', message: 'failed to deserialize anyPattern, expected type array' };
  let patterns: readonly CompiledPattern[];
  try {
    patterns = body.fixed ?? preparedPatterns(body.compiled ?? [], scope, inForeach);
  } catch (e) {
    return substitutionError(e);
  }
  // Kyverno passes on the first matching pattern: the texts of the ones before it are only needed if none passes.
  const results = new Array<Exclude<PatternResult, { status: 'pass' }>>(patterns.length);
  for (let i = 0; i < patterns.length; i++) {
    const r = validatePattern(scope.resource, patterns[i]);
    if (r.status === 'pass') return anyPatternPassOutcome(scope.rule, i);
    results[i] = r;
  }
  const skips: string[] = [];
  const failures: string[] = [];
  let firstPath: (string | number)[] | undefined;
  results.forEach((r, i) => {
    if (r.status === 'skip') skips.push(`rule ${scope.rule}[${i}] skipped: ${r.detail}`);
    else {
      failures.push(
        r.path ? `rule ${scope.rule}[${i}] failed at path ${r.path}` : `rule ${scope.rule}[${i}] failed: ${r.detail}`,
      );
      firstPath ??= [...scope.basePath, ...jsonPointerToSegments(r.path, scope.resource)];
    }
  });
  if (failures.length === 0 && skips.length > 0) return { status: 'skip', message: skips.join(' ') };
  const m = substitutedMessage(scope);
  if (m.error) return { status: 'fail', message: m.error, path: firstPath };
  return { status: 'fail', message: `${validationErrorPrefix(m.text)}${failures.join(' ')}`, path: firstPath };
}
