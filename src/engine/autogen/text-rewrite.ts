// Kyverno: spec §10.3 — the plain textual rewrite of request paths over a whole generated rule.
import type { JsonObject } from '../json.js';

/** Where the pod template sits in the kinds a generated rule targets. */
export type TemplateLocation = 'template' | 'jobTemplate';

const PREFIX: Readonly<Record<TemplateLocation, string>> = {
  template: 'spec.template',
  jobTemplate: 'spec.jobTemplate.spec.template',
};

// Kyverno's order matters: spec paths first, so `object.spec.template.metadata` is never rewritten twice.
const ORDER: readonly (readonly [string, string])[] = [
  ['object', 'spec'],
  ['oldObject', 'spec'],
  ['object', 'metadata'],
  ['oldObject', 'metadata'],
];

function replacements(location: TemplateLocation, cel: boolean): [string, string][] {
  const root = cel ? '' : 'request.';
  return ORDER.map(([obj, field]) => [`${root}${obj}.${field}`, `${root}${obj}.${PREFIX[location]}.${field}`]);
}

/**
 * Rewrite `request.object.spec` → `request.object.<template>.spec` (and `.metadata`, and the same for
 * `request.oldObject`) everywhere in the serialized rule: names, messages, context, conditions, patches.
 * Rules with `validate.cel` use the CEL forms (`object.spec`, …), which also cover `request.object.spec`.
 */
export function rewriteRequestPaths(rule: JsonObject, location: TemplateLocation, cel: boolean): JsonObject {
  let text = JSON.stringify(rule);
  for (const [from, to] of replacements(location, cel)) text = text.split(from).join(to);
  return JSON.parse(text) as JsonObject;
}
