// ClassicPolicy → CompiledPolicy: a table of named stages (check, autogen, compile rules, content checks, index).
import { isObject, type JsonObject } from '../json.js';
import { computeRules } from '../autogen/index.js';
import type { Diagnostic } from '../result/diagnostic.js';
import type { JsonPath } from '../result/location.js';
import { checkPolicy, type PolicyProblem } from '../policy/check-policy.js';
import type { ClassicPolicy } from '../policy/policy.js';
import type { QueryCache } from '../context/query-cache.js';
import { checkRuleContent } from './check-rule-content.js';
import { compileRule } from './compile-rule.js';
import { celProblem } from './cel-problem.js';
import type { CelRuleProblem } from './compile-validate-cel.js';
import type { CompiledRule } from './compiled-rule.js';
import { compileActionOverrides, type ActionSettings } from '../evaluate/validate/failure-action.js';

/** A policy ready to evaluate, shared by every resource and request. */
export interface CompiledPolicy {
  readonly policy: ClassicPolicy;
  /** Declared rules followed by auto-generated ones, in Kyverno's order. */
  readonly rules: readonly CompiledRule[];
  /** Rules that may select a resource of this kind, in rule order. */
  rulesForKind(kind: string): readonly CompiledRule[];
  /** Problems found while loading; any error means the policy is invalid and must not be evaluated. */
  readonly diagnostics: readonly Diagnostic[];
  /** `validationFailureAction` and its overrides, compiled. */
  readonly actions: ActionSettings;
}

interface CompileState {
  readonly policy: ClassicPolicy;
  readonly queries: QueryCache;
  problems: PolicyProblem[];
  ruleDocs: JsonObject[];
  rules: CompiledRule[];
}

type Stage = { readonly name: string; run(s: CompileState): void };

const STAGES: readonly Stage[] = [
  { name: 'checkShape', run: (s) => s.problems.push(...checkPolicy(s.policy)) },
  { name: 'checkContent', run: checkContent },
  { name: 'expandAutogen', run: (s) => (s.ruleDocs = computeRules(s.policy.document)) },
  { name: 'compileRules', run: compileRules },
];

// Compile errors are reported against declared rules; auto-generated rules keep theirs for evaluation (§1.4).
function compileRules(s: CompileState): void {
  const declared = s.policy.spec.rules as JsonObject[];
  const vapGenerated = validatingAdmissionPolicyGenerated(s.policy.document);
  s.rules = s.ruleDocs.map((doc) => {
    const index = declared.indexOf(doc);
    const at = ['spec', 'rules', index];
    const report = index < 0 ? undefined : (p: CelRuleProblem) => s.problems.push(celProblem(doc, at, p));
    return compileRule(doc, { vapGenerated, report });
  });
}

function validatingAdmissionPolicyGenerated(policy: JsonObject): boolean {
  const status = isObject(policy.status) ? policy.status : {};
  const vap = isObject(status.validatingAdmissionPolicy) ? status.validatingAdmissionPolicy : {};
  return vap.generated === true;
}

function checkContent(s: CompileState): void {
  const rules = s.policy.spec.rules as JsonObject[];
  rules.forEach((r, i) => s.problems.push(...checkRuleContent(r, ['spec', 'rules', i], s.queries)));
}

/** Compile a classic policy; stops at the first stage that reports a problem. */
export function compilePolicy(policy: ClassicPolicy, queries: QueryCache): CompiledPolicy {
  const state: CompileState = { policy, queries, problems: [], ruleDocs: [], rules: [] };
  for (const stage of STAGES) {
    stage.run(state);
    if (state.problems.length > 0) break;
  }
  const diagnostics = state.problems.map((p) => toDiagnostic(p, policy));
  const actions = {
    failureAction: policy.spec.validationFailureAction,
    actionOverrides: compileActionOverrides(policy.spec.validationFailureActionOverrides),
  };
  return { policy, rules: state.rules, rulesForKind: indexByKind(state.rules), diagnostics, actions };
}

function toDiagnostic(p: PolicyProblem, policy: ClassicPolicy): Diagnostic {
  const path: JsonPath = p.path;
  return {
    code: p.code,
    severity: 'error',
    message: `policy ${policy.key}: ${p.message}`,
    path,
    source: policy.source?.locate(path),
  };
}

/** Rules by the kind names they can select; rules with wildcard or user-only matches meet every kind. */
export function indexByKind(rules: readonly CompiledRule[]): (kind: string) => readonly CompiledRule[] {
  const anyKind = rules.filter((r) => !r.match?.kindNames);
  const byKind = rulesByKind(rules);
  // Only the index and the kind-less rules stay with the lookup (a large set holds thousands of them).
  return (kind) => byKind.get(kind) ?? anyKind;
}

// Each named kind's rules, with the rules that meet every kind, in the policy's order.
function rulesByKind(rules: readonly CompiledRule[]): Map<string, readonly CompiledRule[]> {
  const kinds = new Set<string>();
  for (const r of rules) for (const k of r.match?.kindNames ?? []) kinds.add(k);
  const byKind = new Map<string, readonly CompiledRule[]>();
  for (const k of kinds)
    byKind.set(
      k,
      rules.filter((r) => !r.match?.kindNames || r.match.kindNames.has(k)),
    );
  return byKind;
}
