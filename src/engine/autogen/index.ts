// Kyverno: spec §10 — the rule list Kyverno evaluates for a policy, with rules generated for Pod controllers.
import { getOwn, isObject, type JsonObject } from '../json.js';
import { NO_CONTROLLERS, selectedControllers, stripCronJob, templateControllerKinds } from './controllers.js';
import { policyAllowsAutogen } from './eligibility.js';
import { controllersVariant, cronJobVariant, isAutogenRuleName } from './generate-rule.js';
import { CRONJOB } from './kinds.js';

export { AUTOGEN_ANNOTATION, POD_CONTROLLERS } from './kinds.js';
export { isAutogenRuleName } from './generate-rule.js';

/**
 * The rules Kyverno computes for a ClusterPolicy/Policy: declared rules (minus declared autogen-*
 * when autogen applies) followed by the generated ones, `autogen-<r>` then `autogen-cronjob-<r>` per
 * declared rule. Input and output are raw rule JSON objects (the `spec.rules[i]` documents); the input
 * policy document is not modified and declared rules are returned as the same objects.
 *
 * With `kind` (the resource kind being validated, spec §10.4) only that controller's variant is
 * generated, and only if the kind is among the selected controllers; otherwise (e.g. for a Pod) the
 * declared rules are returned as written.
 */
export function computeRules(policy: JsonObject, kind?: string): JsonObject[] {
  const declared = declaredRules(policy);
  const selection = selectedControllers(policy, policyAllowsAutogen(declared));
  if (kind && !selection.has(kind)) return declared;
  const controllers = kind || [...selection].join(',');
  if (controllers === NO_CONTROLLERS) return declared;
  const generated = generateRules(declared, controllers);
  if (generated.length === 0) return declared;
  return [...declared.filter((r) => !isAutogenRuleName(r.name)), ...generated];
}

/** The controller kinds autogen is enabled for in this policy ([] when none/ineligible). */
export function autogenControllers(policy: JsonObject): string[] {
  const declared = declaredRules(policy);
  const controllers = [...selectedControllers(policy, policyAllowsAutogen(declared))].join(',');
  if (controllers === NO_CONTROLLERS) return [];
  const templateControllers = stripCronJob(controllers);
  const kinds: string[] = [];
  // Only kinds some rule is actually generated for count (a policy matching only Deployments has none).
  if (declared.some((r) => controllersVariant(r, templateControllers)))
    kinds.push(...templateControllerKinds(templateControllers));
  if (declared.some((r) => cronJobVariant(r, controllers))) kinds.push(CRONJOB);
  return kinds;
}

/** `spec.rules` as objects (non-object entries are ignored). */
function declaredRules(policy: JsonObject): JsonObject[] {
  const spec = getOwn(policy, 'spec');
  const rules = isObject(spec) ? getOwn(spec, 'rules') : undefined;
  return Array.isArray(rules) ? rules.filter(isObject) : [];
}

/** Both variants of every declared rule, in rule order. */
function generateRules(declared: readonly JsonObject[], controllers: string): JsonObject[] {
  const templateControllers = stripCronJob(controllers);
  return declared.flatMap((rule) =>
    [controllersVariant(rule, templateControllers), cronJobVariant(rule, controllers)].filter(
      (r): r is JsonObject => r !== undefined,
    ),
  );
}
