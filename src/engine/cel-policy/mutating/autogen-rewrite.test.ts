import { describe, expect, it } from 'vitest';
import { rewriteApplyConfiguration, rewriteMutatingExpression } from './autogen-rewrite.js';

describe('rewriteMutatingExpression', () => {
  it.each([
    ['object.spec.containers', 'defaults', 'object.spec.template.spec.containers'],
    ['oldObject.metadata.labels', 'defaults', 'oldObject.spec.template.metadata.labels'],
    ["object.metadata.annotations['a']", 'cronjobs', "object.spec.jobTemplate.spec.template.metadata.annotations['a']"],
    ['object.metadata.name == x', 'defaults', 'object.metadata.name == x'],
    ['myobject.spec + a.object.spec', 'defaults', 'myobject.spec + a.object.spec'],
    ['Object.spec.containers{name: "a"}', 'defaults', 'Object.spec.template.spec.containers{name: "a"}'],
  ] as const)('%s (%s)', (text, config, expected) => {
    expect(rewriteMutatingExpression(text, config)).toBe(expected);
  });
});

describe('rewriteApplyConfiguration', () => {
  it.each([
    [
      'Object{spec: Object.spec{a: 1}}',
      'defaults',
      'Object{spec: Object.spec{template: Object.spec.template{spec: Object.spec.template.spec{a: 1}}}}',
    ],
    [
      ' Object{spec: Object.spec{a: 1}}\n',
      'cronjobs',
      'Object{spec: Object.spec{jobTemplate: Object.spec.jobTemplate{spec: Object.spec.jobTemplate.spec{template: Object.spec.jobTemplate.spec.template{spec: Object.spec.jobTemplate.spec.template.spec{a: 1}}}}}}',
    ],
    // Kyverno: §3.7 — a conditional expression is rewritten but not wrapped.
    [
      'c ? Object{spec: Object.spec{a: 1}} : Object{}',
      'defaults',
      'c ? Object{spec: Object.spec.template.spec{a: 1}} : Object{}',
    ],
  ] as const)('%s (%s)', (text, config, expected) => {
    expect(rewriteApplyConfiguration(text, config)).toBe(expected);
  });
});
