// Kyverno: kyverno-cel-semantics §4.3 — evaluating a GeneratingPolicy for one request: generated objects are
// collected from `generator.Apply` calls and rendered templates (and forwarded to the injected generator, if any).
//
// API: evaluateGeneratingPolicy(policy, req, exceptions) → CelPolicyResponse[] (zero or one response). Never throws.
import { isObject, type JsonObject } from '../../json.js';
import { evaluateCel } from '../../cel/evaluate.js';
import { GeneratorHandle } from '../../cel/kyverno/generator-library.js';
import type { KyvernoCelServices } from '../../cel/kyverno/index.js';
import { resourceIdOf, type RuleResult } from '../../result/rule-result.js';
import { celActivation } from '../activation.js';
import { applyCelExceptions, type CompiledCelException } from '../cel-exception.js';
import { evaluateMatchConditions } from '../conditions.js';
import { admissionFacts, matchConstraints } from '../match-constraints.js';
import type { CelPolicyResponse, CelRequest } from '../types.js';
import { bindVariables } from '../variables.js';
import { evaluateAuditAnnotations } from '../mutating/audit-annotations.js';
import {
  celRuleResult,
  evaluationErrorResult,
  exemptionResult,
  matchErrorResult,
  type ResultContext,
} from '../mutating/rule-results.js';
import { renderTemplate } from './template.js';
import type { CompiledGenerate, CompiledGeneratingPolicy } from './types.js';

type Sink = NonNullable<KyvernoCelServices['generator']>;

/** Evaluates `policy` for `req`: no response when not matched or when matchConditions are false (§6.4). */
export function evaluateGeneratingPolicy(
  policy: CompiledGeneratingPolicy,
  req: CelRequest,
  exceptions: readonly CompiledCelException[],
): CelPolicyResponse[] {
  if (policy.diagnostics.length > 0 || !policy.matchConstraints) return [];
  const ctx: ResultContext = { policy, ruleType: 'generate', resource: req.object ?? req.oldObject };
  const respond = (rule: RuleResult, generated: readonly JsonObject[] = []): CelPolicyResponse[] => [
    { policy: policy.name, kind: policy.kind, resource: resourceIdOf(ctx.resource), rules: [rule], generated },
  ];
  const match = matchConstraints(policy.matchConstraints, admissionFacts(req));
  if (match.error !== undefined) return respond(matchErrorResult(ctx, policy.name, match.error));
  if (!match.matched) return [];
  const base = celActivation(req, { policyNamespace: policy.namespace });
  // Kyverno: §4.3 — exception and condition errors are errors whatever the failurePolicy.
  const ex = applyCelExceptions(exceptions, policy, base, 'Fail');
  if (ex.kind === 'exempt') return respond(exemptionResult(ctx, ex.names, ex.reportResult));
  if (ex.kind === 'error') return respond(evaluationErrorResult(ctx, policy.name, ex.error));
  const generated: JsonObject[] = [];
  const sink = collectingSink(generated, req.services.generator);
  const activation = bindVariables(policy.variables, {
    ...celActivation(req, { policyNamespace: policy.namespace, exceptions: ex.variable }),
    generator: new GeneratorHandle(sink),
  });
  const conditions = evaluateMatchConditions(policy.matchConditions, activation);
  if (conditions.error !== undefined) return respond(evaluationErrorResult(ctx, policy.name, conditions.error));
  // Kyverno: §4.3 quirk — false matchConditions give no response at all (not `skip`).
  if (!conditions.matched) return [];
  for (const entry of policy.generate) {
    const error = runGenerate(entry, activation, sink, policy.namespace);
    if (error !== undefined) return respond(evaluationErrorResult(ctx, policy.name, error));
  }
  const audit = evaluateAuditAnnotations(policy.auditAnnotations, activation);
  if (!audit.ok) return respond(evaluationErrorResult(ctx, policy.name, audit.error));
  const rule = celRuleResult(ctx, policy.name, 'pass', 'policy evaluated successfully', {
    properties: audit.properties,
  });
  return respond(rule, generated);
}

function collectingSink(generated: JsonObject[], forward: Sink | undefined): Sink {
  return {
    apply(namespace, objects) {
      forward?.apply(namespace, objects);
      generated.push(...objects);
    },
  };
}

/** Runs one generate entry; returns the error text, if any. */
function runGenerate(
  entry: CompiledGenerate,
  activation: Readonly<Record<string, unknown>>,
  sink: Sink,
  policyNamespace: string,
): string | undefined {
  if (entry.kind === 'expression') {
    // The bool result is ignored: the expression runs for its generator.Apply side effects.
    const r = evaluateCel(entry.program, activation);
    return r.ok ? undefined : r.error;
  }
  try {
    for (const doc of renderTemplate(entry.documents, activation)) {
      const namespace = targetNamespace(doc, policyNamespace);
      sink.apply(namespace, [withNamespace(doc, namespace)]);
    }
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Kyverno: §4.5 — a document goes to its own namespace; a namespaced policy defaults to (and is limited to) its own. */
function targetNamespace(doc: JsonObject, policyNamespace: string): string {
  const md = isObject(doc.metadata) ? doc.metadata : {};
  const ns = typeof md.namespace === 'string' ? md.namespace : '';
  if (policyNamespace === '') return ns;
  if (ns !== '' && ns !== policyNamespace) {
    throw new Error(`a namespaced policy may only generate into its namespace ${policyNamespace}, not ${ns}`);
  }
  return policyNamespace;
}

function withNamespace(doc: JsonObject, namespace: string): JsonObject {
  const metadata: JsonObject = isObject(doc.metadata) ? { ...doc.metadata } : {};
  if (namespace === '') delete metadata.namespace;
  else metadata.namespace = namespace;
  return { ...doc, metadata };
}
