// Kyverno: kyverno-cel-semantics §3.7 — MutatingPolicy autogen rewrites only matchConditions and applyConfiguration
// expressions: `object`/`oldObject`/`Object` `.spec` and `.metadata.labels|annotations` move under the pod
// template, and an applyConfiguration that starts with `Object{` is wrapped into the controller's template.
import type { AutogenConfig } from '../autogen.js';

const TEMPLATE: Readonly<Record<AutogenConfig, string>> = {
  defaults: 'spec.template',
  cronjobs: 'spec.jobTemplate.spec.template',
};

// An identifier that is not part of a longer name or a field selection, then `.spec` or `.metadata.labels|…`.
const REFERENCE = /(?<![\w.])(object|oldObject|Object)\.(spec|metadata\.labels|metadata\.annotations)(?!\w)/g;

/** Rewrites references to the pod's spec/labels/annotations for a controller (matchConditions, applyConfiguration). */
export function rewriteMutatingExpression(text: string, config: AutogenConfig): string {
  return text.replace(REFERENCE, (_m, id: string, field: string) => `${id}.${TEMPLATE[config]}.${field}`);
}

/** Kyverno: §3.7 — the applyConfiguration rewrite: references, then the `Object{…}` wrap into the template. */
export function rewriteApplyConfiguration(text: string, config: AutogenConfig): string {
  const rewritten = rewriteMutatingExpression(text, config);
  const trimmed = rewritten.trim();
  if (!trimmed.startsWith('Object{') || !trimmed.endsWith('}')) return rewritten;
  const inner = trimmed.slice('Object{'.length, -1);
  // Open one literal per template path segment: Object.spec{template: Object.spec.template{…}}.
  const segments = TEMPLATE[config].split('.');
  let open = 'Object{';
  segments.forEach((segment, i) => {
    open += `${segment}: Object.${segments.slice(0, i + 1).join('.')}{`;
  });
  return `${open}${inner}${'}'.repeat(segments.length + 1)}`;
}
