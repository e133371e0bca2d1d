// Kyverno: kyverno-cel-semantics §2.1, §2.2, §2.9 — loading a ValidatingPolicy: strict field check, every
// expression compiled once (source spec and autogen variants), compile errors as Diagnostics with file:line.
import { isObject, type JsonObject } from '../../json.js';
import type { SourceDocument } from '../../source/documents.js';
import type { JsonPath } from '../../result/location.js';
import type { CelEnvironment } from '../../cel/environment.js';
import { celEnvironmentFor } from '../../cel/environments.js';
import { VALIDATING_POLICY_SPEC } from '../field-schema.js';
import {
  celCompileDiagnostic,
  celPolicyKindOf,
  isNamespacedKind,
  policyHeader,
  specOf,
  unknownFieldDiagnostics,
} from '../load.js';
import { compileMatchConstraints } from '../match-constraints.js';
import { compileMatchConditions } from '../conditions.js';
import { compileVariables } from '../variables.js';
import { validatingAutogenSpecs } from '../autogen.js';
import { compileField, type ExpressionError } from '../expressions.js';
import type {
  CompiledAuditAnnotation,
  CompiledValidatingPolicy,
  CompiledValidatingVariant,
  CompiledValidation,
} from './types.js';

/** Loads a ValidatingPolicy/NamespacedValidatingPolicy document; problems are returned in `diagnostics`. */
export function compileValidatingPolicy(doc: SourceDocument): CompiledValidatingPolicy {
  const found = celPolicyKindOf(doc.value);
  const kind = found === 'NamespacedValidatingPolicy' ? found : 'ValidatingPolicy';
  const spec = specOf(doc);
  const evaluation = isObject(spec.evaluation) ? spec.evaluation : {};
  const mode = evaluation.mode === 'JSON' ? 'JSON' : 'Kubernetes';
  const background = !(isObject(evaluation.background) && evaluation.background.enabled === false);
  const failurePolicy = spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail';
  const header = { ...policyHeader(doc, kind), mode, background, failurePolicy } as const;
  const diagnostics = unknownFieldDiagnostics(doc, VALIDATING_POLICY_SPEC);
  if (diagnostics.length > 0) return { ...header, diagnostics, variants: [] };
  const env = celEnvironmentFor('ValidatingPolicy', { namespaced: isNamespacedKind(kind) });
  const source = compileVariant(env, spec, 'policy', mode);
  if (source.errors.length > 0) {
    const compileErrors = source.errors.map((e) => celCompileDiagnostic(doc, e.path, e.error));
    return { ...header, diagnostics: compileErrors, variants: [] };
  }
  const derived = mode === 'JSON' ? [] : validatingAutogenSpecs(spec);
  const variants = [source.variant, ...derived.map((d) => compileVariant(env, d.spec, d.config, mode).variant)];
  return { ...header, diagnostics: [], variants };
}

function compileVariant(
  env: CelEnvironment,
  spec: JsonObject,
  origin: CompiledValidatingVariant['origin'],
  mode: CompiledValidatingPolicy['mode'],
): { variant: CompiledValidatingVariant; errors: ExpressionError[] } {
  const mc = mode === 'Kubernetes' ? compileMatchConstraints(spec.matchConstraints) : undefined;
  const conditions = compileMatchConditions(env, spec.matchConditions, ['spec', 'matchConditions'], undefined);
  const vars = compileVariables(env, spec.variables, ['spec', 'variables']);
  const errors = [...conditions.errors, ...vars.errors];
  const names = vars.variables.names;
  const validations = listAt(spec.validations).flatMap((v, i): CompiledValidation[] => {
    const at: JsonPath = ['spec', 'validations', i];
    const expression = compileField(env, v.expression, 'bool', [...at, 'expression'], names, errors);
    const messageExpression =
      v.messageExpression === undefined || v.messageExpression === null
        ? undefined
        : compileField(env, v.messageExpression, 'string', [...at, 'messageExpression'], names, errors);
    if (!expression) return [];
    const message = typeof v.message === 'string' ? v.message : '';
    return [{ expression, message, ...(messageExpression ? { messageExpression } : {}) }];
  });
  const auditAnnotations = listAt(spec.auditAnnotations).flatMap((a, i): CompiledAuditAnnotation[] => {
    const at: JsonPath = ['spec', 'auditAnnotations', i, 'valueExpression'];
    const valueExpression = compileField(env, a.valueExpression, 'string-or-null', at, names, errors);
    return valueExpression ? [{ key: String(a.key ?? ''), valueExpression }] : [];
  });
  const variant: CompiledValidatingVariant = {
    origin,
    ...(mc ? { matchConstraints: mc } : {}),
    matchConditions: conditions.conditions,
    variables: vars.variables,
    validations,
    auditAnnotations,
  };
  return { variant, errors };
}

function listAt(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : [];
}
