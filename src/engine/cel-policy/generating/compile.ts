// Kyverno: kyverno-cel-semantics §4.1–§4.5 — loading a GeneratingPolicy: strict fields, every expression and
// template placeholder compiled once in the GeneratingPolicy environment (§4.2).
//
// API: compileGeneratingPolicy(doc: SourceDocument): CompiledGeneratingPolicy — problems are Diagnostics.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import type { Diagnostic } from '../../result/diagnostic.js';
import type { JsonPath } from '../../result/location.js';
import type { SourceDocument } from '../../source/documents.js';
import type { CelEnvironment } from '../../cel/environment.js';
import type { CelProgram } from '../../cel/compile.js';
import { celEnvironmentFor } from '../../cel/environments.js';
import { compileMatchConditions } from '../conditions.js';
import { compileField, type ExpressionError } from '../expressions.js';
import {
  celCompileDiagnostic,
  celPolicyKindOf,
  isNamespacedKind,
  loadDiagnostic,
  policyHeader,
  specOf,
  unknownFieldDiagnostics,
} from '../load.js';
import { compileMatchConstraints } from '../match-constraints.js';
import { compileVariables } from '../variables.js';
import { GENERATING_POLICY_SPEC } from './spec-schema.js';
import { compileTemplate } from './template.js';
import type { CompiledGenerate, CompiledGeneratingPolicy } from './types.js';

/** Loads a GeneratingPolicy or NamespacedGeneratingPolicy document and compiles it. */
export function compileGeneratingPolicy(doc: SourceDocument): CompiledGeneratingPolicy {
  const kind: CompiledGeneratingPolicy['kind'] =
    celPolicyKindOf(doc.value) === 'NamespacedGeneratingPolicy' ? 'NamespacedGeneratingPolicy' : 'GeneratingPolicy';
  const spec = specOf(doc);
  const empty = {
    matchConditions: [],
    variables: { names: [], programs: new Map<string, CelProgram>() },
    generate: [],
    auditAnnotations: [],
  };
  const base = { ...policyHeader(doc, kind), kind, matchConstraints: compileMatchConstraints(spec.matchConstraints) };
  const unknown = unknownFieldDiagnostics(doc, GENERATING_POLICY_SPEC);
  if (unknown.length > 0) return { ...base, ...empty, diagnostics: unknown };
  const env = celEnvironmentFor('GeneratingPolicy', { namespaced: isNamespacedKind(kind) });
  const errors: ExpressionError[] = [];
  const other: Diagnostic[] = [];
  const { variables, errors: varErrors } = compileVariables(env, spec.variables, ['spec', 'variables']);
  errors.push(...varErrors);
  const conditions = compileMatchConditions(env, spec.matchConditions, ['spec', 'matchConditions'], variables.names);
  errors.push(...conditions.errors);
  const generate = listOf(spec.generate).flatMap((g, i) => {
    const path: JsonPath = ['spec', 'generate', i];
    const compiled = compileGenerate(env, g, path, variables.names, errors);
    if (typeof compiled === 'string') other.push(loadDiagnostic(doc, 'cel-policy/generate', path, compiled));
    return typeof compiled === 'string' || compiled === undefined ? [] : [compiled];
  });
  const auditAnnotations = listOf(spec.auditAnnotations).flatMap((a, i) => {
    const path = ['spec', 'auditAnnotations', i, 'valueExpression'];
    const program = compileField(env, a.valueExpression, 'string-or-null', path, variables.names, errors);
    return program ? [{ key: String(a.key ?? ''), valueExpression: program }] : [];
  });
  const diagnostics = [...errors.map((e) => celCompileDiagnostic(doc, e.path, e.error)), ...other];
  if (diagnostics.length > 0) return { ...base, ...empty, diagnostics };
  return { ...base, matchConditions: conditions.conditions, variables, generate, auditAnnotations, diagnostics };
}

/** A compiled entry, undefined after a CEL compile error (already in `errors`), or a load problem's message. */
function compileGenerate(
  env: CelEnvironment,
  g: JsonObject,
  path: JsonPath,
  visible: readonly string[],
  errors: ExpressionError[],
): CompiledGenerate | string | undefined {
  const hasExpression = g.expression !== undefined && g.expression !== null;
  const template = isObject(g.template) ? g.template : undefined;
  if (hasExpression === (template !== undefined)) return 'exactly one of expression or template is required';
  if (hasExpression) {
    const program = compileField(env, g.expression, 'bool', [...path, 'expression'], visible, errors);
    return program ? { kind: 'expression', program } : undefined;
  }
  const interpolate = template?.interpolate ?? 'none';
  if (interpolate !== 'none' && interpolate !== 'cel') return `template.interpolate must be "none" or "cel"`;
  const compiled = compileTemplate(env, String(template?.value ?? ''), interpolate === 'cel');
  if (!compiled.ok) return `template: ${compiled.errors.join('; ')}`;
  return { kind: 'template', documents: compiled.documents };
}

function listOf(v: JsonValue | undefined): JsonObject[] {
  return Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : [];
}
