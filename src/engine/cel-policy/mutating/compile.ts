// Kyverno: kyverno-cel-semantics §3.1, §3.2, §3.7 — loading a MutatingPolicy: strict fields, every expression
// compiled once (variables before matchConditions, so conditions may read them), autogen variants.
//
// API: compileMutatingPolicy(doc: SourceDocument): CompiledMutatingPolicy — problems are Diagnostics, never thrown.
import { isObject, type JsonObject, type JsonValue } from '../../json.js';
import type { Diagnostic } from '../../result/diagnostic.js';
import type { JsonPath } from '../../result/location.js';
import type { SourceDocument } from '../../source/documents.js';
import type { CelEnvironment } from '../../cel/environment.js';
import { celEnvironmentFor } from '../../cel/environments.js';
import { autogenTargets } from '../autogen.js';
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
import { rewriteApplyConfiguration, rewriteMutatingExpression } from './autogen-rewrite.js';
import { MUTATING_POLICY_SPEC } from './spec-schema.js';
import { typeNameMismatches } from './type-names.js';
import type { CompiledMutatingPolicy, CompiledMutatingVariant, CompiledMutation } from './types.js';

interface VariantProblems {
  readonly expressions: ExpressionError[];
  readonly other: { path: JsonPath; code: string; message: string }[];
}

/** Loads a MutatingPolicy or NamespacedMutatingPolicy document and compiles it. */
export function compileMutatingPolicy(doc: SourceDocument): CompiledMutatingPolicy {
  const kind =
    celPolicyKindOf(doc.value) === 'NamespacedMutatingPolicy' ? 'NamespacedMutatingPolicy' : 'MutatingPolicy';
  const header = policyHeader(doc, kind);
  const spec = specOf(doc);
  const evaluation = isObject(spec.evaluation) ? spec.evaluation : {};
  const base = {
    ...header,
    kind,
    useServerSideApply: evaluation.useServerSideApply === true,
    background: !(isObject(evaluation.background) && evaluation.background.enabled === false),
  } as const;
  const unknown = unknownFieldDiagnostics(doc, MUTATING_POLICY_SPEC);
  if (unknown.length > 0) return { ...base, diagnostics: unknown, variants: [] };
  const env = celEnvironmentFor('MutatingPolicy', { namespaced: isNamespacedKind(kind) });
  const problems: VariantProblems = { expressions: [], other: [] };
  const variants = [compileVariant(env, spec, 'policy', problems)];
  for (const target of autogenTargets(spec)) {
    const derived = { ...rewriteSpec(spec, target.config), matchConstraints: target.matchConstraints };
    variants.push(compileVariant(env, derived, target.config, problems));
  }
  const diagnostics: Diagnostic[] = [
    ...problems.expressions.map((e) => celCompileDiagnostic(doc, e.path, e.error)),
    ...problems.other.map((p) => loadDiagnostic(doc, p.code, p.path, p.message)),
  ];
  return { ...base, diagnostics: dedupe(diagnostics), variants: diagnostics.length > 0 ? [] : variants };
}

function compileVariant(
  env: CelEnvironment,
  spec: JsonObject,
  origin: CompiledMutatingVariant['origin'],
  problems: VariantProblems,
): CompiledMutatingVariant {
  const errors = problems.expressions;
  const { variables, errors: varErrors } = compileVariables(env, spec.variables, ['spec', 'variables']);
  errors.push(...varErrors);
  // Kyverno: §3.2 — with the MutatingAdmissionPolicy autogen enabled, conditions may not read variables.
  const autogen = isObject(spec.autogen) ? spec.autogen : {};
  const map = isObject(autogen.mutatingAdmissionPolicy) && autogen.mutatingAdmissionPolicy.enabled === true;
  const visible = map ? undefined : variables.names;
  const conditions = compileMatchConditions(env, spec.matchConditions, ['spec', 'matchConditions'], visible);
  errors.push(...conditions.errors);
  const mutations = listOf(spec.mutations).flatMap((m, i) => compileMutation(env, m, i, variables.names, problems));
  const auditAnnotations = listOf(spec.auditAnnotations).flatMap((a, i) => {
    const path = ['spec', 'auditAnnotations', i, 'valueExpression'];
    const program = compileField(env, a.valueExpression, 'string-or-null', path, variables.names, errors);
    return program ? [{ key: String(a.key ?? ''), valueExpression: program }] : [];
  });
  const matchConstraints = compileMatchConstraints(spec.matchConstraints);
  return { origin, matchConstraints, matchConditions: conditions.conditions, variables, mutations, auditAnnotations };
}

function compileMutation(
  env: CelEnvironment,
  m: JsonObject,
  i: number,
  visible: readonly string[],
  problems: VariantProblems,
): CompiledMutation[] {
  const path: JsonPath = ['spec', 'mutations', i];
  if (m.patchType === 'ApplyConfiguration') {
    const expression = isObject(m.applyConfiguration) ? m.applyConfiguration.expression : undefined;
    const at = [...path, 'applyConfiguration', 'expression'];
    const program = compileField(env, expression, 'object', at, visible, problems.expressions);
    if (!program) return [];
    return [{ patchType: 'ApplyConfiguration', program, typeMismatch: typeNameMismatches(program.source)[0] }];
  }
  if (m.patchType === 'JSONPatch') {
    const expression = isObject(m.jsonPatch) ? m.jsonPatch.expression : undefined;
    const at = [...path, 'jsonPatch', 'expression'];
    const program = compileField(env, expression, 'list', at, visible, problems.expressions);
    return program ? [{ patchType: 'JSONPatch', program }] : [];
  }
  const message = `mutations[${i}].patchType: Unsupported value: ${JSON.stringify(m.patchType ?? '')}: supported values: "ApplyConfiguration", "JSONPatch"`;
  problems.other.push({ path: [...path, 'patchType'], code: 'cel-policy/patch-type', message });
  return [];
}

/** Kyverno: §3.7 — only matchConditions and applyConfiguration expressions are rewritten. */
function rewriteSpec(spec: JsonObject, config: 'defaults' | 'cronjobs'): JsonObject {
  const matchConditions = listOf(spec.matchConditions).map((c) =>
    typeof c.expression === 'string' ? { ...c, expression: rewriteMutatingExpression(c.expression, config) } : c,
  );
  const mutations = listOf(spec.mutations).map((m) => {
    const ac = m.applyConfiguration;
    if (!isObject(ac) || typeof ac.expression !== 'string') return m;
    return { ...m, applyConfiguration: { ...ac, expression: rewriteApplyConfiguration(ac.expression, config) } };
  });
  return { ...spec, matchConditions, mutations };
}

function listOf(v: JsonValue | undefined): JsonObject[] {
  return Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : [];
}

/** An autogen variant repeats its source's errors at the same paths; report each once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.message}|${JSON.stringify(d.path)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
