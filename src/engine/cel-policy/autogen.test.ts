import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { autogenTargets, rewriteForController, validatingAutogenSpecs } from './autogen.js';

const fixture = parse(readFileSync(new URL('./testdata/autogen.yaml', import.meta.url), 'utf8')) as {
  targets: { name: string; spec: JsonObject; expect: unknown[] }[];
  rewrites: { text: string; defaults: string; cronjobs: string }[];
};

describe('autogen (§2.9)', () => {
  it.each(fixture.targets)('targets: $name', (c) => {
    expect(autogenTargets(c.spec)).toEqual(c.expect);
  });

  it.each(fixture.rewrites)('rewrites $text', (c) => {
    expect(rewriteForController(c.text, 'defaults')).toBe(c.defaults);
    expect(rewriteForController(c.text, 'cronjobs')).toBe(c.cronjobs);
  });

  it('rewrites every expression of the spec and drops autogen', () => {
    const spec: JsonObject = {
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
      },
      autogen: { podControllers: { controllers: ['cronjobs'] } },
      matchConditions: [{ name: 'c', expression: 'has(object.spec.x)' }],
      variables: [{ name: 'v', expression: 'object.metadata.labels' }],
      validations: [
        { expression: 'true', message: 'object.spec', messageExpression: "'ns ' + object.metadata.namespace" },
      ],
      auditAnnotations: [{ key: 'k', valueExpression: 'oldObject.spec.y' }],
    };
    const [derived] = validatingAutogenSpecs(spec);
    const t = 'spec.jobTemplate.spec.template';
    expect(derived.config).toBe('cronjobs');
    expect(derived.spec).toEqual({
      matchConstraints: autogenTargets(spec)[0].matchConstraints,
      matchConditions: [{ name: 'c', expression: `has(object.${t}.spec.x)` }],
      variables: [{ name: 'v', expression: `object.${t}.metadata.labels` }],
      validations: [
        { expression: 'true', message: `object.${t}.spec`, messageExpression: "'ns ' + object.metadata.namespace" },
      ],
      auditAnnotations: [{ key: 'k', valueExpression: `oldObject.${t}.spec.y` }],
    });
  });
});
