// The policies.kyverno.io kinds the CEL engine evaluates — ValidatingPolicy, MutatingPolicy, GeneratingPolicy and
// their Namespaced variants — as kind table entries (kyverno-cel-semantics §2–§4).
import { isObject, type JsonObject } from '../json.js';
import type { SourceDocument } from '../source/documents.js';
import { celPolicyKindOf } from '../cel-policy/load.js';
import type { CelPolicyDocumentKind, CelPolicyResponse, CompiledCelPolicyBase } from '../cel-policy/types.js';
import { celPolicyKey, validationActionsOf } from '../cel-policy/policy-traits.js';
import { compileValidatingPolicy } from '../cel-policy/validating/compile.js';
import { evaluateValidatingPolicy } from '../cel-policy/validating/evaluate.js';
import type { CompiledValidatingPolicy } from '../cel-policy/validating/types.js';
import { compileMutatingPolicy, evaluateMutatingPolicy } from '../cel-policy/mutating/index.js';
import { compileGeneratingPolicy, evaluateGeneratingPolicy } from '../cel-policy/generating/index.js';
import type { EngineResponse, Stage } from '../pipeline/types.js';
import type { CompiledMatchConstraints } from '../cel-policy/match-constraints.js';
import { ALL_OPERATIONS, type AdmissionInterests, type ResourceInterest } from '../policy-set/admission-interests.js';
import {
  NO_RESULTS,
  type AdmissionTraits,
  type KindLoad,
  type PolicyEntry,
  type PolicyHandler,
  type PolicyKind,
} from './types.js';

/** The kind table entry of ValidatingPolicy and NamespacedValidatingPolicy. */
export const validatingPolicyKind = celKind(
  ['ValidatingPolicy', 'NamespacedValidatingPolicy'],
  compileValidatingPolicy,
  (p) => ({
    stage: 'validate',
    // Kyverno: JSON-mode policies validate payloads, not admission requests (§2.10), and run after the others (§6.2).
    rank: p.mode === 'JSON' ? 1 : 0,
    admission: traits(p, p.failurePolicy, actionsOf(p).has('Deny'), p.mode === 'Kubernetes'),
  }),
  {
    selects: (entry, _stage, origin) => origin === 'cli' || (origin === 'admission' && entry.admission.enabled),
    admissionInterests: variantInterests('validate'),
    validate(entry, input, object) {
      const action = entry.admission.mayEnforce ? ('Enforce' as const) : ('Audit' as const);
      return evaluateValidatingPolicy(entry.compiled, input.celRequest(object), input.celExceptions).map((r) =>
        // A ValidatingPolicy's failures enforce when its `validationActions` include Deny.
        toEngineResponse(entry, 'validate', r, object, (rule) =>
          rule.ruleType === 'validate' ? { ...rule, action } : rule,
        ),
      );
    },
    validationMode(entry) {
      const mode = actionsOf(entry.compiled).has('Deny') ? ('Enforce' as const) : ('Audit' as const);
      return { mode, overridden: false, actionIn: () => mode };
    },
    effect(entry, response) {
      const actions = actionsOf(entry.compiled);
      const fail = entry.admission.failurePolicy === 'Fail';
      // Kyverno: Deny rejects a failure, Warn warns about it, Audit only reports; an error rejects under Fail (§2.2).
      const denials = response.rules.filter(
        (r) => (r.status === 'fail' && actions.has('Deny')) || (r.status === 'error' && fail),
      );
      const warnings = actions.has('Warn')
        ? response.rules.filter((r) => (r.status === 'fail' || r.status === 'error') && !denials.includes(r))
        : NO_RESULTS;
      if (denials.length === 0 && warnings.length === 0) return undefined;
      return { response, enforced: false, blocks: denials.length > 0, denials, warnings };
    },
  },
);

/** The kind table entry of MutatingPolicy and NamespacedMutatingPolicy. */
export const mutatingPolicyKind = celKind(
  ['MutatingPolicy', 'NamespacedMutatingPolicy'],
  compileMutatingPolicy,
  (p) => ({
    stage: 'mutate',
    rank: 0,
    admission: traits(p, specOf(p).failurePolicy === 'Ignore' ? 'Ignore' : 'Fail', false, true),
  }),
  {
    selects: (entry, _stage, origin) => origin === 'cli' || (origin === 'admission' && entry.admission.enabled),
    admissionInterests: variantInterests('mutate'),
    mutate(entry, input, object) {
      const raw = evaluateMutatingPolicy(entry.compiled, input.celRequest(object), input.celExceptions);
      const responses = raw.map((r) => toEngineResponse(entry, 'mutate', r, r.patched ?? object));
      // Each response carries the object after its variant; the last one is the policy's output.
      const patched = raw.filter((r) => r.patched).at(-1)?.patched;
      return { responses, patched, failed: responses.flatMap((r) => r.rules).filter((r) => r.status === 'error') };
    },
    effect: noEffect,
  },
);

/** The kind table entry of GeneratingPolicy and NamespacedGeneratingPolicy. */
export const generatingPolicyKind = celKind(
  ['GeneratingPolicy', 'NamespacedGeneratingPolicy'],
  compileGeneratingPolicy,
  (p) => ({ stage: 'generate', rank: 0, admission: traits(p, 'Fail', false, true) }),
  {
    selects: (entry, _stage, origin) => origin === 'cli' || (origin === 'admission' && entry.admission.enabled),
    generateRules(entry) {
      const evaluation = specOf(entry.compiled).evaluation;
      const on = (field: string) => {
        const v = isObject(evaluation) ? evaluation[field] : undefined;
        return isObject(v) && v.enabled === true;
      };
      const lifecycle = {
        synchronize: on('synchronize'),
        generateExisting: on('generateExisting'),
        orphanDownstreamOnPolicyDelete: on('orphanDownstreamOnPolicyDelete'),
      };
      return [{ rule: '', lifecycle }];
    },
    // Kyverno: a GeneratingPolicy's webhook is sent every operation, whatever its rules say.
    admissionInterests: (entry) =>
      resourceInterests(entry, 'generate', [entry.compiled.matchConstraints], ALL_OPERATIONS),
    generate(entry, input, object) {
      return evaluateGeneratingPolicy(entry.compiled, input.celRequest(object), input.celExceptions).map((r) => ({
        ...toEngineResponse(entry, 'generate', r, object),
        generated: (r.generated ?? []).map((resource) => ({
          resource,
          action: 'create' as const,
          policy: entry.key,
          rule: '',
        })),
      }));
    },
    effect: noEffect,
  },
);

/** A stage's admission interests of a policy with autogen variants: the constraints of each variant. */
function variantInterests(stage: Stage) {
  return <C extends VariantPolicy>(entry: PolicyEntry<C>) =>
    resourceInterests(
      entry,
      stage,
      entry.compiled.variants.map((v) => v.matchConstraints),
    );
}

/** A CEL policy compiled into the source spec and its autogen variants. */
type VariantPolicy = CompiledCelPolicyBase & {
  readonly variants: readonly { readonly matchConstraints?: CompiledMatchConstraints }[];
};

/** The requests a CEL policy's `matchConstraints` (of the policy and of its autogen variants) select. */
function resourceInterests(
  entry: PolicyEntry<CompiledCelPolicyBase>,
  stage: Stage,
  constraints: readonly (CompiledMatchConstraints | undefined)[],
  operations?: readonly string[],
): AdmissionInterests {
  const namespaced = entry.compiled.kind.startsWith('Namespaced');
  const interests = constraints.flatMap((mc) =>
    (mc?.resourceRules ?? []).map((r): ResourceInterest => ({
      form: 'resources',
      stage,
      policy: entry.key,
      namespaced,
      apiGroups: r.apiGroups,
      apiVersions: r.apiVersions,
      resources: r.resources,
      operations: operations ?? r.operations,
      scope: r.scope,
    })),
  );
  const wc = specOf(entry.compiled).webhookConfiguration;
  const timeout = isObject(wc) ? wc.timeoutSeconds : undefined;
  return {
    interests,
    timeoutSeconds: typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0 ? timeout : undefined,
  };
}

// `validationActions` do not change after loading; read them once per policy.
const actions = new WeakMap<CompiledValidatingPolicy, ReturnType<typeof validationActionsOf>>();
function actionsOf(p: CompiledValidatingPolicy) {
  let found = actions.get(p);
  if (!found) actions.set(p, (found = validationActionsOf(p)));
  return found;
}

// MutatingPolicies and GeneratingPolicies warn about nothing; their failures are handled by the pipeline.
function noEffect(): undefined {
  return undefined;
}

interface CelKindTraits {
  readonly stage: Stage;
  readonly rank: number;
  readonly admission: AdmissionTraits;
}

function celKind<C extends CompiledCelPolicyBase>(
  kinds: readonly CelPolicyDocumentKind[],
  compile: (doc: SourceDocument) => C,
  traitsOf: (compiled: C) => CelKindTraits,
  handler: PolicyHandler<C>,
): PolicyKind {
  return {
    name: `${kinds.join('/')} (policies.kyverno.io)`,
    role: 'policy',
    family: 'cel',
    kinds: kinds.map((kind) => ({ group: 'policies.kyverno.io', kind })),
    recognizes: (value) => kinds.includes(celPolicyKindOf(value) as CelPolicyDocumentKind),
    load(doc): KindLoad<C> {
      const compiled = compile(doc);
      if (compiled.diagnostics.length > 0)
        return {
          status: 'rejected',
          rejected: {
            kind: compiled.kind,
            name: compiled.name,
            family: 'cel',
            role: 'policy',
            diagnostics: compiled.diagnostics,
          },
        };
      const t = traitsOf(compiled);
      const md = isObject(doc.value) && isObject(doc.value.metadata) ? doc.value.metadata : {};
      const policy = {
        kind: compiled.kind,
        apiVersion: isObject(doc.value) ? String(doc.value.apiVersion ?? '') : '',
        name: compiled.name,
        namespace: compiled.namespace,
        key: celPolicyKey(compiled),
        annotations: compiled.annotations,
        labels: stringMap(md.labels),
        source: compiled.source,
        family: 'cel' as const,
        admission: t.admission,
        background: false,
        stages: new Set([t.stage]),
        handler,
        compiled,
        rank: t.rank,
      };
      return { status: 'policy', policy, notes: [] };
    },
  };
}

function traits(p: CompiledCelPolicyBase, failurePolicy: 'Fail' | 'Ignore', mayEnforce: boolean, mode = true) {
  return { enabled: mode && admissionEnabled(p), failurePolicy, emitWarning: false, mayEnforce };
}

// Kyverno: `evaluation.admission.enabled` (default true) switches a policy's admission part on (§2.2).
function admissionEnabled(p: CompiledCelPolicyBase): boolean {
  const evaluation = specOf(p).evaluation;
  const admission = isObject(evaluation) ? evaluation.admission : undefined;
  return !isObject(admission) || admission.enabled !== false;
}

function specOf(p: CompiledCelPolicyBase): JsonObject {
  return isObject(p.source?.value) && isObject(p.source.value.spec) ? p.source.value.spec : {};
}

function toEngineResponse<C>(
  entry: PolicyEntry<C>,
  stage: Stage,
  r: CelPolicyResponse,
  resource: JsonObject | null,
  mapRule: (rule: CelPolicyResponse['rules'][number]) => CelPolicyResponse['rules'][number] = (rule) => rule,
): EngineResponse {
  return { policy: entry, stage, rules: r.rules.map(mapRule), resource };
}

function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}
