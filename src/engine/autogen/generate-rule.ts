// Kyverno: spec §10.3 — building the `autogen-<rule>` and `autogen-cronjob-<rule>` variants of one rule.
import { cloneJson, isObject, type JsonObject, type JsonValue } from '../json.js';
import { selectsCronJob, templateControllerKinds } from './controllers.js';
import { rewriteExcludeKinds, rewriteMatchKinds, type FilterScope } from './filters.js';
import { blockKinds, containsKind, CRONJOB, toGroupVersionKinds } from './kinds.js';
import { wrapRuleBody, type TemplateWrap } from './rule-body.js';
import { rewriteRequestPaths, type TemplateLocation } from './text-rewrite.js';

const MAX_RULE_NAME = 63;

/** True for names Kyverno treats as generated (`autogen-…`); such rules are never expanded again. */
export function isAutogenRuleName(name: JsonValue | undefined): boolean {
  return typeof name === 'string' && name.startsWith('autogen-');
}

/** `<prefix>-<rule>`, truncated to 63 characters. */
export function autogenRuleName(prefix: string, ruleName: string): string {
  return `${prefix}-${ruleName}`.slice(0, MAX_RULE_NAME);
}

/** The finished `autogen-<rule>` variant for the given controllers, or undefined when the rule has none. */
export function controllersVariant(rule: JsonObject, controllers: string): JsonObject | undefined {
  const draft = controllersDraft(rule, controllers);
  return draft && finishRule(draft, 'template');
}

/** The finished `autogen-cronjob-<rule>` variant, or undefined when CronJob is not selected or not applicable. */
export function cronJobVariant(rule: JsonObject, controllers: string): JsonObject | undefined {
  if (!selectsCronJob(controllers)) return undefined;
  // Kyverno: the CronJob variant is derived from the controllers variant, wrapping (and shifting) twice.
  const base = controllersDraft(rule, controllers);
  const name = autogenRuleName('autogen-cronjob', ruleName(rule));
  const draft =
    base &&
    draftRule(base, name, [CRONJOB], 'allFilters', {
      templateKey: 'jobTemplate',
      shift: 'spec/jobTemplate/spec/template',
    });
  return draft && finishRule(draft, 'jobTemplate');
}

/** The unfinished controllers variant: kinds replaced and body wrapped, before the textual rewrite. */
function controllersDraft(rule: JsonObject, controllers: string): JsonObject | undefined {
  if (isAutogenRuleName(rule.name) || controllers === '') return undefined;
  const excludeKinds = isObject(rule.exclude) ? blockKinds(rule.exclude) : [];
  if (!containsKind(blockKinds(rule.match), 'Pod')) return undefined;
  // A rule whose exclude lists kinds, none of them Pod, is not expanded.
  if (excludeKinds.length > 0 && !containsKind(excludeKinds, 'Pod')) return undefined;
  const name = autogenRuleName('autogen', ruleName(rule));
  const kinds = templateControllerKinds(controllers);
  return draftRule(rule, name, kinds, 'podFilters', { templateKey: 'template', shift: 'spec/template' });
}

function draftRule(
  rule: JsonObject,
  name: string,
  kinds: string[],
  scope: FilterScope,
  wrap: TemplateWrap,
): JsonObject | undefined {
  const draft = cloneJson(rule);
  draft.name = name;
  const gvks = toGroupVersionKinds(kinds);
  draft.match = rewriteMatchKinds(draft.match, gvks, scope);
  if (isObject(draft.exclude)) draft.exclude = rewriteExcludeKinds(draft.exclude, gvks, scope);
  return wrapRuleBody(draft, wrap) ? draft : undefined;
}

// The fields a generated rule keeps, in this order; others (e.g. `imageExtractors`) are dropped.
const KEPT_FIELDS = [
  'name',
  'match',
  'exclude',
  'context',
  'preconditions',
  'celPreconditions',
  'mutate',
  'validate',
  'verifyImages',
  'skipBackgroundRequests',
  'reportProperties',
];

/** Keep the generated rule's fields (empty ones omitted) and apply the textual request-path rewrite. */
function finishRule(draft: JsonObject, location: TemplateLocation): JsonObject {
  const kept: JsonObject = {};
  for (const key of KEPT_FIELDS) {
    const value = draft[key];
    if (value !== undefined && value !== null && !isEmptyCollection(value)) kept[key] = value;
  }
  const cel = isObject(kept.validate) && kept.validate.cel !== undefined && kept.validate.cel !== null;
  return rewriteRequestPaths(kept, location, cel);
}

function isEmptyCollection(v: JsonValue): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return isObject(v) && Object.keys(v).length === 0;
}

function ruleName(rule: JsonObject): string {
  return typeof rule.name === 'string' ? rule.name : '';
}
