// Classic rule JSON → CompiledRule. Patterns without variables are compiled here, once.
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { compileMatch } from '../match/match.js';
import { compileConditions, type CompiledConditions, type ConditionBlock } from '../conditions/conditions.js';
import { compilePattern } from '../pattern/index.js';
import { compilePodSecurity, type PodSecuritySpec } from '../podsecurity/index.js';
import { containsVariables } from '../variables/substitute.js';
import { ruleTypeOf } from '../policy/policy.js';
import type { CompiledForeach, CompiledRule, PatternSource, ValidationBody } from './compiled-rule.js';
import { compileValidateCel, type CelCompileOptions } from './compile-validate-cel.js';
import { compileActionOverrides } from '../evaluate/validate/failure-action.js';
import { compileMutateForeach, compileMutateTargets } from './compile-mutation.js';
import { compileGenerateForeach } from './compile-generate-foreach.js';
import { compileContextEntries } from '../context/entries.js';

const asConditions = (v: JsonValue | undefined): CompiledConditions | undefined =>
  Array.isArray(v) || isObject(v) ? compileConditions(v as ConditionBlock) : undefined;

/** Compile one (declared or auto-generated) rule; CEL compile errors go to `cel.report`. */
export function compileRule(rule: JsonObject, cel: CelCompileOptions = {}): CompiledRule {
  const type = ruleTypeOf(rule);
  const base = {
    name: String(rule.name ?? ''),
    type,
    raw: rule,
    match: compileMatch(rule.match),
    exclude: compileMatch(rule.exclude),
    context: compileContextEntries(rule.context),
    preconditions: asConditions(rule.preconditions),
  };
  const isCel = type === 'validate' && isObject(rule.validate) && isCelBody(rule.validate);
  // Kyverno: celPreconditions are evaluated by the validate.cel handler only (kyverno-cel-semantics §1.5).
  if (rule.celPreconditions !== undefined && !isCel)
    return { ...base, unsupported: 'celPreconditions outside validate.cel rules are not supported yet' };
  if (type === 'validate' && isObject(rule.validate)) {
    const v = rule.validate;
    return {
      ...base,
      validate: {
        message: typeof v.message === 'string' ? v.message : undefined,
        failureAction: typeof v.failureAction === 'string' ? v.failureAction : undefined,
        actionOverrides: compileActionOverrides(v.failureActionOverrides),
        allowExistingViolations: v.allowExistingViolations !== false,
        body: isCel ? { kind: 'cel', cel: compileValidateCel(rule, cel) } : compileValidationBody(v),
      },
    };
  }
  if (type === 'mutate') {
    const m = isObject(rule.mutate) ? rule.mutate : {};
    return {
      ...base,
      mutateForeach: Array.isArray(m.foreach) ? compileMutateForeach(m.foreach) : undefined,
      mutateTargets: Array.isArray(m.targets) ? compileMutateTargets(m.targets) : undefined,
    };
  }
  if (type === 'verifyImages') return { ...base, unsupported: 'verifyImages rules are not supported' };
  if (type === 'generate') {
    const g = isObject(rule.generate) ? rule.generate : {};
    return Array.isArray(g.foreach) ? { ...base, generateForeach: compileGenerateForeach(g.foreach) } : base;
  }
  return base;
}

// Kyverno: spec §4.1 — the validate dispatch tries manifests and podSecurity before cel.
const isCelBody = (v: JsonObject): boolean =>
  v.cel !== undefined && v.cel !== null && v.manifests === undefined && v.podSecurity === undefined;

/** The body of a validate rule or of a validate foreach entry. */
export function compileValidationBody(v: JsonObject): ValidationBody {
  if (v.manifests !== undefined) return { kind: 'unsupported', reason: 'validate.manifests is not supported' };
  if (v.podSecurity !== undefined)
    return { kind: 'podSecurity', podSecurity: compilePodSecurity(v.podSecurity as unknown as PodSecuritySpec) };
  if (v.cel !== undefined) return { kind: 'unsupported', reason: 'validate.cel is only supported at rule level' };
  if (v.assert !== undefined) return { kind: 'unsupported', reason: 'validate.assert is not supported yet' };
  if (v.deny !== undefined) {
    const deny = isObject(v.deny) ? v.deny : {};
    return { kind: 'deny', conditions: asConditions(deny.conditions) };
  }
  if (v.pattern !== undefined) return { kind: 'pattern', pattern: patternSource(v.pattern) };
  if (v.anyPattern !== undefined) {
    const compiled = Array.isArray(v.anyPattern) ? v.anyPattern.map(patternSource) : undefined;
    const fixed = compiled?.every((p) => p.compiled) ? compiled.map((p) => p.compiled!) : undefined;
    return { kind: 'anyPattern', patterns: v.anyPattern, compiled, fixed };
  }
  if (Array.isArray(v.foreach)) return { kind: 'foreach', entries: v.foreach.filter(isObject).map(compileForeach) };
  return { kind: 'unsupported', reason: 'validate rule has no pattern, anyPattern, deny, foreach or podSecurity' };
}

function compileForeach(entry: JsonObject, index: number): CompiledForeach {
  const list = String(entry.list ?? '');
  return {
    list,
    listPath: resourcePathOf(list),
    elementScope: typeof entry.elementScope === 'boolean' ? entry.elementScope : undefined,
    context: compileContextEntries(entry.context),
    preconditions: asConditions(entry.preconditions),
    body: compileValidationBody(entry),
    index,
  };
}

// `request.object.spec.containers` → ['spec', 'containers'] so element results point at the resource field.
function resourcePathOf(list: string): readonly string[] | undefined {
  const m = /^request\.object((?:\.[A-Za-z_][A-Za-z0-9_]*)+)(?:\[\])?$/.exec(list.trim());
  return m ? m[1].slice(1).split('.') : undefined;
}

/** A pattern is compiled now unless it needs substitution (variables) or `$()` references first. */
export function patternSource(raw: JsonValue): PatternSource {
  const references = hasReferences(raw);
  return containsVariables(raw) || references
    ? { raw, references }
    : { raw, references, compiled: compilePattern(raw, true) };
}

/** True when a pattern holds `$(...)` references to other pattern fields. */
export function hasReferences(raw: JsonValue): boolean {
  return JSON.stringify(raw).includes('$(');
}
