// ClusterPolicy and Policy (kyverno.io): the classic rule engine's kind in the kind table (spec §1–§13).
import { isObject, type JsonObject } from '../json.js';
import { effectiveAction, normalizeAction, type ActionOverride } from '../evaluate/validate/failure-action.js';
import { compilePolicy, type CompiledPolicy } from '../compile/compile-policy.js';
import type { CompiledRule } from '../compile/compiled-rule.js';
import { isClassicPolicyDocument, toClassicPolicy, type ClassicPolicy } from '../policy/policy.js';
import { evaluateValidation } from '../evaluate/evaluate-policy.js';
import { evaluateMutation } from '../evaluate/mutate/evaluate-mutation.js';
import { evaluateGeneration, generateLifecycle } from '../evaluate/generate/evaluate-generation.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { FailureAction, RuleResult } from '../result/rule-result.js';
import type { KindSelector } from '../match/kind-selector.js';
import type { EngineResponse, GeneratedObject, Stage } from '../pipeline/types.js';
import { requestedOperations } from '../match/requested-operations.js';
import { labelGateOf } from '../match/label-gate.js';
import { ALL_OPERATIONS, type KindInterest } from '../policy-set/admission-interests.js';
import { NO_RESULTS, type AdmissionTraits, type KindLoad, type PolicyHandler, type PolicyKind } from './types.js';

const REPORTS_DISABLED = 'reports.kyverno.io/disabled';
const isEnforce = (v: unknown) => v === 'Enforce' || v === 'enforce';

/** The kind table entry of ClusterPolicy and Policy. */
export const classicPolicyKind: PolicyKind = {
  name: 'ClusterPolicy/Policy (kyverno.io)',
  role: 'policy',
  family: 'classic',
  kinds: [
    { group: 'kyverno.io', kind: 'ClusterPolicy' },
    { group: 'kyverno.io', kind: 'Policy' },
  ],
  recognizes: isClassicPolicyDocument,
  load(doc, ctx): KindLoad<CompiledPolicy> {
    const cp = compilePolicy(toClassicPolicy(doc.value as JsonObject, doc), ctx.queries);
    if (cp.diagnostics.length > 0) {
      const { kind, name } = cp.policy;
      return {
        status: 'rejected',
        rejected: { kind, name, family: 'classic', role: 'policy', diagnostics: cp.diagnostics },
      };
    }
    const { spec: _spec, document: _document, ...identity } = cp.policy;
    const policy = {
      ...identity,
      family: 'classic' as const,
      admission: admissionTraits(cp),
      background: scansInBackground(cp.policy),
      stages: new Set(cp.rules.map((r) => r.type).filter((t): t is Stage => t !== 'verifyImages')),
      handler: classicHandler,
      compiled: cp,
      rank: 0,
      validateLabelGate: labelGateOf(cp.rules.filter((r) => r.type === 'validate').map((r) => r.match)),
    };
    return { status: 'policy', policy, notes: unsupportedNotes(cp) };
  },
};

const classicHandler: PolicyHandler<CompiledPolicy> = {
  validationMode(entry) {
    const cp = entry.compiled;
    const spec = cp.policy.spec;
    const validating = cp.rules.filter((r) => r.validate);
    // Without a policy-wide action, rules that all say Enforce make the policy Enforce.
    const mode =
      normalizeAction(spec.validationFailureAction) ??
      (validating.length > 0 && validating.every((r) => normalizeAction(r.validate!.failureAction) === 'Enforce')
        ? 'Enforce'
        : 'Audit');
    const other = mode === 'Enforce' ? 'Audit' : 'Enforce';
    const overridden =
      overridesTo(cp.actions.actionOverrides, other) ||
      validating.some(
        (r) => normalizeAction(r.validate!.failureAction) === other || overridesTo(r.validate!.actionOverrides, other),
      );
    return {
      mode,
      overridden,
      actionIn(rule, namespace, labels) {
        const r = validating.find((x) => x.name === rule);
        return r ? effectiveAction(r.validate!, cp.actions, namespace, labels) : mode;
      },
    };
  },

  selects(entry, stage, origin, kind, namespace) {
    const cp = entry.compiled;
    // Kyverno CLI: every policy answers the validate stage (an empty response is a test's `Excluded` row, §14.5).
    if (origin === 'cli') return stage === 'validate' || entry.stages.has(stage);
    if (!appliesIn(cp.policy, kind, namespace)) return false;
    if (origin === 'background')
      return stage === 'validate' && entry.background && cp.rulesForKind(kind).some(isScannedRule);
    return entry.admission.enabled && cp.rulesForKind(kind).some((r) => r.type === stage);
  },

  mutate(entry, input, object) {
    const { req, values } = input.classicRequest(entry, object);
    const r = evaluateMutation(entry.compiled, req, input.env, values);
    const rules = r.response.rules;
    const response: EngineResponse = {
      policy: entry,
      stage: 'mutate',
      rules,
      resource: r.resource ?? object,
      targets: r.targets,
    };
    return {
      responses: [response],
      patched: r.resource ?? undefined,
      failed: rules.filter((x) => x.status === 'error' || x.status === 'fail'),
    };
  },

  validate(entry, input, object) {
    const { req, values } = input.classicRequest(entry, object);
    const rules = evaluateValidation(entry.compiled, req, input.env, values);
    return [{ policy: entry, stage: 'validate', rules, resource: object }];
  },

  generate(entry, input, object) {
    const { req, values } = input.classicRequest(entry, object);
    const g = evaluateGeneration(entry.compiled, req, input.env, values);
    // Kyverno: a generate response exists only when some generate rule responded (spec §14.5).
    if (g.response.rules.length === 0) return [];
    const generated: GeneratedObject[] = [...g.generated].flatMap(([rule, items]) =>
      items.map((item) => ({ ...item, policy: entry.key, rule })),
    );
    return [{ policy: entry, stage: 'generate', rules: g.response.rules, resource: object, generated }];
  },

  effect(entry, response) {
    const { admission } = entry;
    const rules = response.rules;
    if (response.stage !== 'validate')
      // Kyverno: spec §13.4 — mutate policies with emitWarning warn about every non-skip rule response.
      return warningsOnly(response, admission.emitWarning ? rules.filter((r) => r.status !== 'skip') : NO_RESULTS);
    // Kyverno: spec §13.2 — a policy is evaluated synchronously (may block) when it can enforce anywhere.
    // Plain loops: this runs for every policy of every admission request.
    let enforced = admission.mayEnforce;
    for (let i = 0; !enforced && i < rules.length; i++) enforced = rules[i].action === 'Enforce';
    let blocks = false;
    for (let i = 0; enforced && !blocks && i < rules.length; i++) {
      const r = rules[i];
      blocks =
        (r.status === 'fail' && r.action === 'Enforce') ||
        // Kyverno: policies are grouped into webhooks by failure policy, so an error blocks only under Fail (§13.5).
        (admission.failurePolicy === 'Fail' && r.status === 'error');
    }
    const warnings =
      !enforced && admission.emitWarning
        ? rules.filter((r) => r.status === 'fail' || r.status === 'error')
        : NO_RESULTS;
    if (!enforced && warnings.length === 0) return undefined;
    return { response, enforced, blocks, denials: NO_RESULTS, warnings };
  },

  generateRules(entry) {
    const { policy, rules } = entry.compiled;
    return rules
      .filter((r) => r.type === 'generate')
      .map((r) => ({
        rule: r.name,
        lifecycle: generateLifecycle(isObject(r.raw.generate) ? r.raw.generate : {}, policy.spec),
      }));
  },

  admissionInterests(entry) {
    const cp = entry.compiled;
    const namespaced = cp.policy.kind === 'Policy';
    const interests = cp.rules.flatMap((rule): KindInterest[] => {
      const stage = rule.type;
      if (stage !== 'mutate' && stage !== 'validate' && stage !== 'generate') return [];
      return requestedOperations(rule.match, rule.exclude, DEFAULT_OPERATIONS[stage], ALL_OPERATIONS).map((k) => ({
        form: 'kind',
        stage,
        policy: entry.key,
        rule: rule.name,
        namespaced,
        kind: k.kind,
        operations: [...k.operations],
      }));
    });
    return { interests, timeoutSeconds: positiveInteger(cp.policy.spec.webhookTimeoutSeconds) };
  },

  backgroundKinds(cp) {
    return cp.rules.filter(isScannedRule).flatMap(kindSelectorsOf);
  },
};

// Kyverno's webhook controller: validate and generate rules are sent every operation, mutate rules creates and
// updates, unless a match filter names its `operations`.
const DEFAULT_OPERATIONS: Readonly<Record<Stage, readonly string[]>> = {
  mutate: ['CREATE', 'UPDATE'],
  validate: ALL_OPERATIONS,
  generate: ALL_OPERATIONS,
};

function positiveInteger(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

function warningsOnly(response: EngineResponse, warnings: readonly RuleResult[]) {
  return warnings.length === 0
    ? undefined
    : { response, enforced: false, blocks: false, denials: NO_RESULTS, warnings };
}

/** A namespaced Policy only sees its own namespace, and never Namespaces (spec §1.1). */
function appliesIn(p: ClassicPolicy, kind: string, namespace: string): boolean {
  return p.kind !== 'Policy' || (namespace === p.namespace && kind !== 'Namespace');
}

// verifyImages rules are scanned by Kyverno too, but Tollgate does not evaluate them (spec §1.4: out of scope).
function isScannedRule(rule: CompiledRule): boolean {
  return rule.type === 'validate' && rule.validate !== undefined && !rule.unsupported;
}

function kindSelectorsOf(rule: CompiledRule): KindSelector[] {
  return (rule.match?.filters ?? []).flatMap((f) => f.kinds ?? []);
}

// Kyverno: spec §1.2 — `background: false` and the reports.kyverno.io/disabled label keep a policy out of scans.
function scansInBackground(p: ClassicPolicy): boolean {
  return !Object.hasOwn(p.labels, REPORTS_DISABLED) && p.spec.background !== false;
}

function admissionTraits(cp: CompiledPolicy): AdmissionTraits {
  const spec = cp.policy.spec;
  const wc = isObject(spec.webhookConfiguration) ? spec.webhookConfiguration : {};
  return {
    enabled: spec.admission !== false,
    failurePolicy: (wc.failurePolicy ?? spec.failurePolicy) === 'Ignore' ? 'Ignore' : 'Fail',
    emitWarning: spec.emitWarning === true,
    mayEnforce: declaresEnforce(cp),
  };
}

function declaresEnforce(cp: CompiledPolicy): boolean {
  const spec = cp.policy.spec;
  return (
    isEnforce(spec.validationFailureAction) ||
    overridesTo(cp.actions.actionOverrides, 'Enforce') ||
    cp.rules.some(
      (r) => r.validate && (isEnforce(r.validate.failureAction) || overridesTo(r.validate.actionOverrides, 'Enforce')),
    )
  );
}

// Whether some override switches to `action` (in some namespace).
function overridesTo(overrides: readonly ActionOverride[], action: FailureAction): boolean {
  return overrides.some((o) => o.action === action);
}

/** Rules Tollgate cannot evaluate yet (verifyImages, unsupported bodies): the policy loads, those rules are noted. */
function unsupportedNotes(cp: CompiledPolicy): Diagnostic[] {
  const why = unsupportedFeature(cp);
  if (!why) return [];
  return [
    {
      code: UNSUPPORTED_RULE,
      severity: 'warning',
      message: `policy ${cp.policy.key}: ${why}; those rules were not evaluated`,
      path: [],
      source: cp.policy.source?.pos,
    },
  ];
}

/** The note code of a policy whose rules are not all evaluated. */
export const UNSUPPORTED_RULE = 'policy/unsupported-rule';

function unsupportedFeature(cp: CompiledPolicy): string | undefined {
  for (const r of cp.rules) {
    if (r.unsupported) return `rule ${r.name}: ${r.unsupported}`;
    const body = r.validate?.body;
    if (body?.kind === 'unsupported') return `rule ${r.name}: ${body.reason}`;
    if (body?.kind === 'foreach') {
      const inner = body.entries.find((e) => e.body.kind === 'unsupported');
      if (inner && inner.body.kind === 'unsupported') return `rule ${r.name}: ${inner.body.reason}`;
    }
  }
  return undefined;
}
